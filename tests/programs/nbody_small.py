import math

def energy(xs, vs, ms):
    e = 0.0
    n = len(xs)
    for i in range(n):
        e += 0.5 * ms[i] * vs[i] * vs[i]
        for j in range(i + 1, n):
            d = xs[i] - xs[j]
            e -= ms[i] * ms[j] / math.sqrt(d * d + 0.01)
    return e

xs = [0.0, 1.0, 2.5, -1.2]
vs = [0.1, -0.2, 0.05, 0.0]
ms = [1.0, 0.5, 0.25, 2.0]
dt = 0.01
for step in range(200):
    for i in range(4):
        a = 0.0
        for j in range(4):
            if i != j:
                d = xs[j] - xs[i]
                a += ms[j] * d / (abs(d) ** 3 + 0.1)
        vs[i] += a * dt
    for i in range(4):
        xs[i] += vs[i] * dt
print(energy(xs, vs, ms))
print(xs)
