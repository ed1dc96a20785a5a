memo = {}
def fib(n):
    if n < 2:
        return n
    if n in memo:
        return memo[n]
    r = fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
print(fib(200))
paths = {}
def grid(r, c):
    if r == 0 or c == 0:
        return 1
    key = (r, c)
    if key in paths:
        return paths[key]
    v = grid(r - 1, c) + grid(r, c - 1)
    paths[key] = v
    return v
print(grid(16, 16), len(paths))
def edit_distance(a, b):
    table = {}
    for i in range(len(a) + 1):
        table[(i, 0)] = i
    for j in range(len(b) + 1):
        table[(0, j)] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[(i, j)] = min(table[(i - 1, j)] + 1, table[(i, j - 1)] + 1, table[(i - 1, j - 1)] + cost)
    return table[(len(a), len(b))]
print(edit_distance("kitten", "sitting"), edit_distance("intention", "execution"))
