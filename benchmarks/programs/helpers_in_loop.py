# Small helper functions called from a hot loop: the calls, not the
# arithmetic, are the work.
def sq(x):
    return x * x


def dist2(ax, ay, bx, by):
    return sq(ax - bx) + sq(ay - by)


def inside(d, r):
    return d <= r * r


hits = 0
for i in range(300000):
    x = i % 101
    y = (i * 7) % 103
    if inside(dist2(x, y, 50, 51), 40):
        hits += 1
print(hits)
