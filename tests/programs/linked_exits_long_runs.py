# Loops entered thousands of times whose traces run with their exits
# linked (side traces and rounds of the loop without tier 2's bookkeeping
# in between): branches that alternate, a side trace inside an inlined
# call, values whose kind changes after the links are made (new exits,
# new side traces while linked code runs), allocation on a side path (the
# collector at back edges), a loop left for another loop's trace, and an
# error raised on a linked side path.
def pick(x, k):
    if x % 3 == k:
        return x * 2
    return x - 1


def inner(row, k, scale):
    t = 0
    for x in row:
        if x % 2 == 0:
            t += pick(x, k) * scale
        else:
            t -= x
            if x % 7 == 0:
                t += len([x, x])
    return t


rows = [[(i * 7 + j) % 23 for j in range(12)] for i in range(10)]
total = 0
for n in range(3000):
    scale = 1 if n < 1800 else 0.5
    if n == 2400:
        scale = 10 ** 20
    total += inner(rows[n % 10], n % 3, scale)
print(total)


def outer_inner(m):
    hits = 0
    i = 0
    while i < m:
        j = 0
        while j < 5 and (i + j) % 11 != 0:
            hits += j
            j += 1
        i += 1
    return hits


acc = 0
for n in range(600):
    acc += outer_inner(n % 40)
print(acc)


def risky(row, d):
    s = 0
    for x in row:
        if x > 3:
            s += x // d
        else:
            s += 1
    return s


# Called with keywords, which no trace covers: the loop that calls runs in
# tier 1, and each call enters the callee's loop trace from there.
kw = 0
for n in range(3000):
    kw += inner(row=rows[n % 10], k=n % 3, scale=1 if n < 2000 else 0.25)
print(kw)

out = 0
for n in range(1000):
    out += risky(rows[n % 10], 7 - n // 990 * 7)
print(out)
