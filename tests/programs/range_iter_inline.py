# `for x in range(...)` inside a hot loop: tier 2 makes the iterator
# without the range (CALL_RANGE_ITER) for one to three small ints, and
# hands any other argument back to tier 1: bools, a negative or large
# step, empty and reversed ranges; it ends on a zero step raised inside
# the trace.


def nested(n):
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            total = total + i * j
        for k in range(i):
            total = total - k
        for m in range(n, i, -3):
            total = total + m
    return total


def mixed(args):
    out = []
    for a in args:
        s = 0
        for x in range(a):
            s = s + x
        out.append(s)
    return out


def stepped(steps):
    out = []
    for st in steps:
        out.append(len([x for x in range(-20, 20, st)]))
        t = 0
        for x in range(100, -100, st * -1):
            t = t + x
        out.append(t)
    return out


print(nested(40))
print(mixed([3, 0, -2, True, False, 7] * 8))
print(stepped([1, 2, 3, 7, 40, 9223372036854775807, -9223372036854775807] * 3))
print(stepped([5] * 30 + [0]))
