# Chained comparisons as conditions: jumps, the middle operand kept and
# dropped on the way out, in while, if, elif, assert, filters and x if c else y.
def f(n):
    xs = [5, 1, 3, 9, 0, 8, 7]
    total = 0
    i = 0
    while 0 <= i < n and -1 < xs[i % 7] <= 9:
        if 2 < xs[i % 7] < 8 or 10 < i < 20 < n:
            total += i
        elif not (0 < i % 3 < 2):
            total -= 1
        assert 0 <= i < n
        total += 3 if 1 <= i % 4 < 3 else 0
        i += 1
    ys = [x for x in range(40) if 3 < x % 10 <= 6 != x]
    return total, i, ys, 1 < 2 < 3, 3 < 2 < 1
for n in [0, 3, 20, 100]:
    print(f(n))
k = 0
while not (5 < k < 3) and k < 10:
    k += 1
print(k)
