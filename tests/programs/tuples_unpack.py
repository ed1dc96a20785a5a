# Tuple packing and unpacking in assignments and for targets.
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
(x, y), z = (1, 2), 3
print(x, y, z)
pairs = [(1, "one"), (2, "two"), (3, "three")]
for n, name in pairs:
    print(n, name)
for i, (p, q) in [(0, (1, 2)), (1, (3, 4))]:
    print(i, p + q)
t = 1,
print(t, len(t), (), tuple([1, 2]), tuple("ab"), (1, 2) + (3,), (1, 2) * 2)
[m, n] = [10, 20]
print(m, n, (1, 2) < (1, 3), (1, 2) == (1, 2), 2 in (1, 2))
