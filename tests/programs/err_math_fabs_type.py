import math
print(math.fabs("a"))
