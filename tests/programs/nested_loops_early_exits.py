# Nested loops whose inner loops end early (break, a while with an
# `and` condition, continue), as N-queens and fannkuch do.
def first_divisor(n):
    d = 2
    while d * d <= n and n % d != 0:
        d += 1
    return d if d * d <= n else n


count = 0
for n in range(2, 3000):
    if first_divisor(n) == n:
        count += 1
print(count)

hits = 0
for i in range(200):
    for j in range(200):
        if (i * j) % 7 == 3:
            hits += 1
            break
        if j > i:
            break
        if j % 3 == 0:
            continue
        hits += 2
print(hits)

grid = [[(i * 7 + j * 3) % 10 for j in range(30)] for i in range(30)]
found = 0
for row in grid:
    j = 0
    while j < len(row) and row[j] != 9:
        j += 1
    found += j
print(found)
