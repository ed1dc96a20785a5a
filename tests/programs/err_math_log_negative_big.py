import math
print(math.log(-2**2000))
