import math
for x in [1, 10, 100, 1000]:
    print(math.exp(x))
