import math
print(math.log(1, 1))
