# and, or and not in conditions (if, while, elif, assert, comprehension
# filters, conditional expressions) with non-bool values: jumps, no values.
def f(n):
    i = 0
    total = 0
    xs = [3, 0, 5, 2, 0, 7, 1] * 3
    while i < n and (xs[i % 21] != 0 or i % 2 == 0) and not i > 1000:
        if i % 3 == 0 and xs[i % 21] > 1 or i % 5 == 4 and not xs[i % 21]:
            total += i
        elif (not i % 7) or (i and i % 11 == 0):
            total -= 1
        assert i >= 0 and (i < n or n < 0), "bad"
        total += 1 if i % 2 and xs[i % 21] else 2
        i += 1
    ys = [x for x in range(50) if x % 3 and not x % 5 or x == 7]
    print(total, i, ys, [] or 0, 3 and "x", 0 and 1, None or [], not (1 and 0))
    k = 0
    while k < 30 and xs[k % 7] or k < 3:
        k += 1
    return k
for n in [0, 1, 5, 40, 100]:
    print(f(n))
