# default= only goes with one iterable.
print(max([], default=0), min(3, 4))
print(max(1, 2, default=3))
