print(True and False, True or False, not True, not 0, not [])
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "x", [] or [1], "" and "y")
print(0 or 0.0 or None, 1 and 2 and 3, 1 and 0 and 3)
def noisy(x):
    print("called", x)
    return x
print(noisy(0) and noisy(1))
print(noisy(1) or noisy(2))
print(noisy(1) and noisy(2) and noisy(0) and noisy(3))
print(True + True, True * 10, False - 1)
