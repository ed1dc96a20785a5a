# A generator runs only as far as its consumer asks: side effects
# interleave with the consumer's, as in CPython.
log = []
def source(n):
    for i in range(n):
        log.append("make %d" % i)
        yield i

def squares(it):
    for v in it:
        log.append("square %d" % v)
        yield v * v

for s in squares(source(3)):
    log.append("use %d" % s)
print(log)
log.clear()
print(any(x > 1 for x in source(10)), log)
log.clear()
g = (x * 10 for x in source(4))
print(log)
print(next(g), log)
print(list(g), log)
print(list(g), next(g, "exhausted"))
def gen_with_state():
    total = 0
    while True:
        total += 1
        yield total
counter = gen_with_state()
print([next(counter) for _ in range(5)])
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
print(take(4, (i * i for i in range(10 ** 9))))
def interleaved():
    a = source(3)
    b = source(3)
    return list(zip(a, b))
log.clear()
print(interleaved(), log)
rows = [[1, 2], [3, 4], [5]]
print(sum(sum(r) for r in rows), max(len(r) for r in rows), sorted((x for r in rows for x in r), reverse=True))
print(list(enumerate(c for c in "hey")), min((abs(x - 3), x) for x in [1, 5, 2, 4]))
