pairs = [(1, 2), (3, 4), (5, 6)]
total = 0
for a, b in pairs:
    total += a * b
print(total)
points = [[0, 0], [1, 2], [3, 1]]
for x, y in points:
    print(x + y, end=" ")
print()
a, b, c = "xyz"
print(c, b, a)
a, b = range(2)
print(a, b)
