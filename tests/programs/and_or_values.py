# `and` and `or` whose value is used, with operands that are not bools,
# in hot loops: the trace follows them, and leaves when they flip.
words = ["", "a", "bb", "", "ccc"]
out = []
n = 0
for i in range(2000):
    w = words[i % 5]
    x = w or "empty"
    y = i % 3 and i % 5
    z = (i > 1500 and w) or (i < 10 and "small") or None
    n += len(x) + y
    if z is not None:
        out.append(z)
print(n, len(out), out[:4], out[-3:])
m = 0
for i in range(3000):
    v = i % 4 or i % 7 or -1
    u = i >= 2500 and i % 2 and 5.5 or 0
    m += v + u
print(m)
