# Functions with loops of their own, called from hot loops: the caller's
# trace calls them, and their traces (entry, loop, exit to the return) are
# linked, so a call may run from entry to return without tier 1. Returns
# from inside the loop, breaks, nested loops, allocation in the loop (the
# collector runs at back edges), an error raised inside the loop of a
# called function, and a function redefined while its traces are linked.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def first_multiple(xs, k):
    for x in xs:
        if x % k == 0:
            return x
    return -1


def count_pairs(n):
    c = 0
    for i in range(n):
        for j in range(i):
            if (i + j) % 3 == 0:
                c += 1
            if j > 5:
                break
    return c


def build(n):
    out = []
    i = 0
    while i < n:
        out.append([i, i * 2])
        i += 1
    return len(out) + out[-1][1] if out else 0


def scale(x, steps):
    while steps > 0:
        x = x * 1.5
        steps -= 1
    return x


total = 0
f = 0.0
for i in range(1, 3000):
    total += gcd(i, 360360) + first_multiple([i, i + 1, i + 2, i + 3], 4)
    total += count_pairs(i % 12) + build(i % 7)
    f += scale(i % 3, i % 4)
print(total, f)

# The loop's value changes kind halfway: int, then float, then big int.
acc = 0
for i in range(2000):
    v = i if i < 700 else (i * 0.5 if i < 1400 else i * 10 ** 20)
    acc = gcd(v, 6) if i < 700 else acc
    acc += scale(v, 2) if i >= 700 else 0
print(acc)


def g(n):
    while n > 0:
        n -= 1
    return "old"


seen = []
for i in range(200):
    seen.append(g(i % 5))
    if i == 120:
        def g(n):
            k = 0
            while k < n:
                k += 2
            return "new" + str(k)
print(seen[0], seen[119], seen[121], seen[199], len(seen))


def divide_down(n, d):
    while n > 1:
        n = n // d
    return n


r = 0
for i in range(500):
    r += divide_down(1000 + i, 3 - (i // 400) * 3)
print(r)
