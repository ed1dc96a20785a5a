# list +, *, comprehensions with conditions, nested comprehensions.
a = [1, 2, 3]
b = a + [4] * 2
print(b, a * 0, a * -1, [[0] * 3] * 2, [x * x for x in a if x != 2])
print([x + y for x in range(3) for y in range(3) if x != y])
print([[i * j for j in range(4)] for i in range(3)])
grid = [[0] * 3 for _ in range(3)]
grid[1][2] = 5
print(grid, len(grid), sum([sum(r) for r in grid]))
c = a
c += [9]
print(a, c is a)
d = a.copy()
d.append(10)
print(a, d, d[-1], d[-len(d)])
e = [3, 1, 2]
e.reverse()
print(e, e.pop(), e, e.index(1))
