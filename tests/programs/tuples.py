t = (1, 2, 3)
print(t, t[0], t[-1], len(t))
a, b, c = t
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
print((), (1,), (1, 2) + (3,), (0,) * 3)
p = 5, 6
print(p)
[m, n] = [7, 8]
print(m, n)
(q, r), s = (1, 2), 3
print(q, r, s)
print(1 in t, 4 in t)
for u, v in [(1, "a"), (2, "b")]:
    print(u, v)
