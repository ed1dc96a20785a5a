import math
print(math.atan2(1))
