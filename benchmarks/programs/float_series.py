# Float arithmetic in hot loops: a midpoint-rule integral (calls math.sin)
# and the Leibniz series for pi.
import math


def integrate(steps):
    h = math.pi / steps
    total = 0.0
    for i in range(steps):
        x = (i + 0.5) * h
        total += math.sin(x) * h
    return total


def leibniz(terms):
    s = 0.0
    sign = 1.0
    for k in range(terms):
        s += sign / (2 * k + 1)
        sign = -sign
    return 4 * s


print(integrate(2000000))
print(leibniz(8000000))
