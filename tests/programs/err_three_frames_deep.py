# An error three calls deep, raised after every function on the way has
# been compiled: the traceback names every frame and line, as CPython's.
def divide(a, b):
    return a // b


def scale(x, n):
    return divide(x, n - 2000) + 1


def step(i):
    return scale(i * 3, i)


total = 0
for i in range(5000):
    total += step(i)
print(total)
