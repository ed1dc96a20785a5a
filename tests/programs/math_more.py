import math
print(math.pi, math.sqrt(2), math.sqrt(2**100), math.sin(0), math.cos(0), math.sin(math.pi / 2))
print(math.floor(2.5), math.floor(-2.5), math.floor(1e20), math.floor(7), math.floor(-0.0))
print(math.sqrt(0.0), math.sqrt(1e308), math.cos(math.pi))
