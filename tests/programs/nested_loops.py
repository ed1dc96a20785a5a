count = 0
for i in range(10):
    for j in range(i):
        if (i + j) % 3 == 0:
            continue
        count += i * j
print(count)
grid = []
for r in range(4):
    row = []
    for c in range(4):
        row.append(r * 4 + c)
    grid.append(row)
print(grid)
found = None
for r in range(4):
    for c in range(4):
        if grid[r][c] == 9:
            found = (r, c)
            break
    if found is not None:
        break
print(found)
