import time
print(time.perf_counter(1))
