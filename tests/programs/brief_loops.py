# Many loops, each hot only briefly (a small copy of the benchmark
# many_short_loops.py): compiling them all would cost more than running them.

def f0(n, k):
    s = 0
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
    return s


def f1(n, k):
    s = 1
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    return s


def f2(n, k):
    s = 2
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
    for i in range(n):
        s += i * (k + 2)
    return s


def f3(n, k):
    s = 3
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
    for i in range(n):
        s = (s + i) % 1000003
    return s


def f4(n, k):
    s = 4
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
    return s


def f5(n, k):
    s = 5
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    return s


def f6(n, k):
    s = 6
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
    for i in range(n):
        s += i * (k + 2)
    return s


def f7(n, k):
    s = 7
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
    for i in range(n):
        s = (s + i) % 1000003
    return s


def f8(n, k):
    s = 8
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
    return s


def f9(n, k):
    s = 9
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    return s


def f10(n, k):
    s = 10
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
    for i in range(n):
        s += i * (k + 2)
    return s


def f11(n, k):
    s = 11
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
    for i in range(n):
        s = (s + i) % 1000003
    return s


total = 0
for rep in range(2):
    total += f0(30 + rep, 0)
    total += f1(30 + rep, 1)
    total += f2(30 + rep, 2)
    total += f3(30 + rep, 3)
    total += f4(30 + rep, 4)
    total += f5(30 + rep, 0)
    total += f6(30 + rep, 1)
    total += f7(30 + rep, 2)
    total += f8(30 + rep, 3)
    total += f9(30 + rep, 4)
    total += f10(30 + rep, 0)
    total += f11(30 + rep, 1)
print(total)
