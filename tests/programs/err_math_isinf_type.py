import math
print(math.isinf(None))
