# map, filter, sorted/min/max with key=, iter and next, callable: builtins
# that call Python functions back, lazily where CPython is lazy.
words = ["banana", "Apple", "cherry", "date", "Elder", "fig"]
print(sorted(words), sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(min(words, key=len), max(words, key=len), max(words, key=lambda w: w[-1]))
print(max([], default="none"), min([4, 2, 8], default=0), max(3, 9, 4, key=lambda v: -v))
print(list(map(len, words)), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(lambda w: len(w) > 4, words)), list(filter(None, [0, 1, "", "x", [], [0]])))
log = []
def noisy(x):
    log.append(x)
    return x * 2
m = map(noisy, range(5))
print(log, next(m), log, next(m), log)
print(list(m), log)
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
print(callable(len), callable(noisy), callable(lambda: 1), callable(5), callable(ValueError))
records = [("b", 2), ("a", 2), ("c", 1), ("a", 1)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: (r[1], r[0]), reverse=True))
def by_second(r):
    return r[1]
print(sorted(records, key=by_second), min(records, key=by_second))
total = 0
for v in map(lambda x: x * x, range(1000)):
    total += v
print(total)
evens = 0
for v in filter(lambda x: x % 2 == 0, range(2001)):
    evens += 1
print(evens)
print(sum(map(int, "1 2 3 4".split())), any(map(lambda c: c.isdigit(), "ab3")))
nested = sorted([[3, 1], [1, 2], [2, 0]], key=lambda p: sorted(p, key=lambda v: -v)[0])
print(nested)
a = 5
print(id(a) == id(a), id(words) == id(words), id(words) != id(log))
