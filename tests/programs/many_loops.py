# Many small hot loops, each entered many times: under a tiny code budget
# the policy has to evict some loops' code and retrace them when they are
# hot again.


def a(n):
    s = 0
    for i in range(n):
        s += i
    return s


def b(n):
    s = 1
    for i in range(n):
        s = (s * 3 + i) % 1000003
    return s


def c(n):
    s = 0.0
    for i in range(n):
        s = s + i * 0.5
    return s


def d(n):
    xs = [0] * 10
    for i in range(n):
        xs[i % 10] += i
    return xs


total = 0
for round in range(300):
    total += a(50) + b(50) + int(c(50)) + sum(d(50))
print(total)
