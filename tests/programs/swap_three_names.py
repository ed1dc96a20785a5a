# Rotations and swaps of three names in a hot loop, no tuple in between.
a, b, c = 1, 2, 3
total = 0
for i in range(3000):
    a, b, c = c, a, b
    total += a * 100 + b * 10 + c
    if i % 7 == 0:
        a, c = c, a
print(a, b, c, total)
x, y, z = 1.5, 2, "s"
for i in range(1000):
    x, y, z = z, x, y
print(x, y, z)
