# math.sqrt, sin and cos on the module read from a global, which tier 2
# runs inline (GUARD_MODULE_IS, CALL_MATH_FLOAT): int and float arguments,
# arguments it hands back to tier 1 (bools, big ints); the module passed
# as a parameter and math.floor (both called as methods); it ends on the
# domain error of a square root inside the loop's trace.
import math
import time


def series(n):
    s = 0.0
    for i in range(n):
        s = s + math.sqrt(i * 0.5) + math.sin(i) - math.cos(i * 0.25)
    return s


def roots(xs):
    out = []
    for x in xs:
        out.append(math.sqrt(x))
    return out


def floors(xs):
    out = []
    for x in xs:
        out.append(math.floor(x) + math.cos(x))
    return out


def through(m, xs):
    t = 0.0
    for x in xs:
        t = t + m.cos(x) * m.sin(x)
    return t


print(series(3000))
print(roots([4, 9.0, 2, True, False, 0, -0.0, 1.5, 10**20, 2**53 + 1, 2**70]))
print(roots([16.0] * 40 + [2**80, 7]))
print(floors([0.5, -1.5, 3, 2.75, True] * 10))
print(through(math, [0.25 * k for k in range(60)]))
print(time.perf_counter() > 0)
print([math.sin(x) for x in [0.0, 1e300, -1e-300, 3]])
print(roots([4.0] * 40 + [-1.0]))
