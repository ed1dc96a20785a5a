# Values a register-allocating backend keeps out of the frame: deep
# expressions (more live values than registers), swaps and copies on the
# stack, locals that change type inside a loop, and exits from every kind of
# point with registers still dirty.


def deep(n):
    total = 0
    for i in range(n):
        a = i + 1
        b = i + 2
        total += (a * 3 + (b * 5 + (a * 7 + (b * 11 + (a * 13 + (b * 17 + (a * 19 + (b * 23 + (a * 29 + (b + 31))))))))))
    return total


def swaps(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def three_way(n):
    x, y, z = 1, 2, 3
    i = 0
    while i < n:
        x, y, z = z, x, y + i
        i += 1
    return x, y, z


def chained(n):
    hits = 0
    i = 0
    while i < n:
        if 10 < i <= 50:
            hits += 1
        i += 1
    return hits


def changes_type(n):
    x = 0
    i = 0
    while i < n:
        if i == n // 2:
            x = x + 0.5
        x = x + 1
        i += 1
    return x


def overflow_late(n):
    v = 1
    i = 0
    while i < n:
        v = v * 3
        i += 1
    return v


def float_compares(values):
    counts = [0, 0, 0, 0, 0, 0]
    for v in values:
        if v < 1.0:
            counts[0] += 1
        if v <= 1.0:
            counts[1] += 1
        if v == 1.0:
            counts[2] += 1
        if v != 1.0:
            counts[3] += 1
        if v > 1.0:
            counts[4] += 1
        if v >= 1.0:
            counts[5] += 1
    return counts


def list_walk(n):
    xs = [0] * n
    i = 0
    while i < n:
        xs[i] = i * i
        xs[-1 - i] = xs[-1 - i] + 1
        i += 1
    return xs[0], xs[n // 2], xs[-1], sum(xs)


def global_counter(n):
    global counter
    i = 0
    while i < n:
        counter = counter + i
        i += 1
    return counter


counter = 0
print(deep(2000))
print(swaps(90))
print(three_way(1000))
print(chained(100))
print(changes_type(100))
print(overflow_late(60))
nan = float("nan")
print(float_compares([0.5, 1.0, 1.5, nan, -0.0, 2.0, 1.0]))
print(list_walk(50))
print(global_counter(1000), counter)
