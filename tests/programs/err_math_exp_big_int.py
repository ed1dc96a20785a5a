import math
print(math.exp(2**2000))
