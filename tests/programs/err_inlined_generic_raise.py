# A generic operation that raises inside a call inlined three deep, after
# the loop's trace was compiled: the traceback has every frame and line.
def remainder(a, b):
    return a % b


def ratio(a, b):
    r = remainder(a, b)
    return r + 1.5


def scaled(a, b):
    return ratio(a, b) * 2.0


total = 0.0
for i in range(400):
    total = total + scaled(7.5, 3.0 - (i // 300) * 3.0)
print(total)
