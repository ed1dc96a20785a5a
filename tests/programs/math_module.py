import math
print(math.sqrt(16), math.sqrt(2), math.pi)
print(math.sin(0), math.cos(0), math.floor(2.7), math.floor(-2.7), math.floor(5))
import time
t0 = time.perf_counter()
t1 = time.perf_counter()
print(t1 >= t0)
x = 0.0
for i in range(100):
    x += math.sin(i * 0.1) * math.cos(i * 0.1)
print(x)
