# Inlined callees that call builtins, read globals, call methods and read
# module attributes; one uses a method name the loop's own code never does.
import math

SCALE = 3


def measure(xs, x):
    return len(xs) + abs(x) + min(x, SCALE)


def grow(xs, x):
    xs.append(x)
    return xs[-1]


def shrink(xs):
    return xs.pop()


def root(x):
    return math.sqrt(x) + math.floor(x / 2)


xs = [1, 2, 3]
total = 0
for i in range(300):
    total = total + measure(xs, -i) + grow(xs, i)
    if i % 2 == 0:
        total = total + shrink(xs)
    total = total + root(i)
print(total, len(xs))
