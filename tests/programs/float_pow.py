# float ** with CPython's special cases.
print(2.0 ** 10, 2 ** 0.5, 2.0 ** -1, (-2.0) ** 3, (-2.0) ** -3, 10.0 ** -300)
print(0.0 ** 0, 0.0 ** 5, 1.0 ** float("nan"), float("nan") ** 0, (-8.0) ** 2.0)
print(float("inf") ** 2, float("inf") ** -1, (-float("inf")) ** 3, 0.5 ** float("inf"))
print(2 ** 62, 2 ** 63, 3 ** 40, (-3) ** 41, 2 ** -1, 4 ** 0.5)
