# Generator expressions and generator functions: lazy, consumed by for,
# next, list, sum, any/all, join, dict and tuple; closures over the
# enclosing function's variables.
print(sum(x * x for x in range(10)))
print(list(x for x in "abc"), max(len(w) for w in ["a", "bbb", "cc"]))
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(100)))
g = count_up(3)
print(next(g), next(g), next(g), next(g, "end"))
def pairs(xs):
    for i, x in enumerate(xs):
        for y in xs[i + 1:]:
            yield (x, y)
print(list(pairs([1, 2, 3])))
k = 3
print([v for v in (x * k for x in range(4) if x % 2 == 0)])
def nested_gen():
    for a in count_up(3):
        for b in count_up(a):
            yield a * 10 + b
print(list(nested_gen()))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(10)))
total = 0
for v in (i * 2 for i in range(10000)):
    total += v
print(total)
print(",".join(str(i) for i in range(5)), dict((i, i * i) for i in range(3)), tuple(c for c in "xy"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
def early(n):
    for i in range(n):
        if i == 3:
            return
        yield i
print(list(early(10)))
def closure_gen():
    base = 100
    return (base + i for i in range(3))
print(list(closure_gen()))
