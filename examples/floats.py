# Float arithmetic in a hot loop: a numerical integration and a Leibniz series.
import math


def integrate(f_steps):
    h = math.pi / f_steps
    total = 0.0
    for i in range(f_steps):
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


print(integrate(400000))
print(leibniz(2000000))
