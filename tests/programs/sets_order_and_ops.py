# Sets: displays, comprehensions, set(), add/discard/remove/copy/clear, |, &, -, ^
# and their in-place forms, comparisons; ints print in CPython's table
# order (deleted slots, resizes and each operation's way of building its
# result included).
s = {0, 8}
s.discard(0)
s.add(16)
print(s)
print({9, 1}, {1, 9}, {8, 0, 16, 24}, set([5, 3, 1, 7, 9, 11, 13, 15, 17]), {1, 2, 3} | {9, 17}, {17, 9, 1} & {1, 9, 17, 25}, {1, 2, 3, 9} - {2})
print({1, 2, 3} ^ {3, 4, 9}, set(), len({1, 1, 2}), 3 in {3}, 4 not in {3})
a = {x * 3 for x in range(10)}
print(a, sorted(a))
b = set(range(0, 40, 7))
print(b, a & b, a | b, a - b, b - a, a ^ b)
c = set()
for i in range(100):
    c.add(i * 37 % 101)
print(len(c), list(c)[:10])
c -= {1, 2, 3}
c |= {1000}
c &= set(range(50)) | {1000}
print(len(c), sorted(c)[:5], 1000 in c)
d = {1, 2}
d ^= {2, 3}
print(d, {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, {1} == {1}, {1} != {1, 2})
print({True, 1, 1.0}, {0, False}, {(1, 2), (1, 2)}, {-1, -2, -3})
e = {1, 2, 3}
e.remove(2)
e.discard(7)
f = e.copy()
f.add(4)
e.clear()
print(e, f, bool(e), bool(f))
for v in {5, 3, 1}:
    print(v)
print(sum({1, 2, 3}), max({4, 9, 2}), list(map(lambda v: v * 2, {1, 2})))
big = set(range(100000))
for i in range(0, 100000, 3):
    big.discard(i)
print(len(big), list(big)[:5])
