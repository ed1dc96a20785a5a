squares = [i * i for i in range(10)]
print(squares)
print([x for x in squares if x % 2 == 0])
print([(a, b) for a in range(3) for b in range(a)])
print([c + "!" for c in ["a", "b"]])
print([x * y for x in [1, 2, 3] if x > 1 for y in [10, 20] if y < 20])
print([p[0] + p[1] for p in [(1, 2), (3, 4)]], [a + b for a, b in [(5, 6)]])
x = "outer"
print([x for x in range(3)], x)

def scaled(values, k):
    return [v * k for v in values if v != 0]

print(scaled([1, 0, 2.5], 4))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[1] for row in matrix])
print(sum([i for i in range(100) if i % 7 == 3]))
