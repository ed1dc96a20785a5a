# Conditional expressions and chained comparisons.
for x in range(-2, 5):
    kind = "neg" if x < 0 else "zero" if x == 0 else "small" if x < 3 else "big"
    print(x, kind, 0 <= x < 3, -1 < x <= 2 < 4, x == x == x, 1 < x > 2)
a = 5
print(1 < a < 10 != 11, 1 < a < 3, 3 > a > 1, a is a is a, a in [5] in [[5]])
