# Sets built and probed in hot loops: membership, comprehension, dedup.
def primes_below(n):
    composite = set()
    primes = []
    for i in range(2, n):
        if i in composite:
            continue
        primes.append(i)
        for j in range(i * i, n, i):
            composite.add(j)
    return primes
p = primes_below(2000)
print(len(p), p[-5:])
seen = set()
dups = 0
for i in range(5000):
    v = (i * 7919) % 1009
    if v in seen:
        dups += 1
    else:
        seen.add(v)
print(dups, len(seen))
squares = {i * i % 97 for i in range(1000)}
print(len(squares), sorted(squares)[:10])
words = "the quick brown fox jumps over the lazy dog the end".split()
unique = set(words)
print(len(unique), sorted(unique))
common = set(range(0, 300, 3)) & set(range(0, 300, 5))
print(sorted(common), len(set(range(100)) - set(range(0, 100, 2))))
total = 0
s = set(range(50))
for i in range(3000):
    if i % 50 in s:
        total += i
print(total)
