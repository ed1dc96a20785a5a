# list.sort asks only `<`, in CPython's order (timsort: runs, binary
# insertion, galloping merges), so lists holding NaNs end as CPython's do.
nan = float("nan")
seed = 12345


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n


def sample(n, nan_every, spread):
    out = []
    for i in range(n):
        r = rand(1000)
        if r % nan_every == 0:
            out.append(nan)
        elif r < 300:
            out.append(float(i))  # ascending stretches, for galloping
        else:
            out.append(float(rand(spread)) - spread / 2)
    return out


for n, every, spread in [(10, 3, 10), (64, 5, 100), (65, 7, 50), (300, 11, 1000),
                         (1000, 13, 100000), (2500, 17, 30)]:
    l = sample(n, every, spread)
    l.sort()
    print(n, l[:12], l[-6:], len([x for x in l if x != x]))
desc = [float(x) for x in range(200, 0, -1)]
desc[50] = nan
desc.sort()
print(desc[40:60])
mixed = [3, 1.5, nan, 2, -1, nan, True, 0, 2.5, nan, -7]
mixed.sort()
print(mixed)
