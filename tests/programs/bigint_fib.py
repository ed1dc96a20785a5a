# Fibonacci numbers cross 2**63 at F(93).
a, b = 0, 1
for i in range(120):
    if i >= 88:
        print(i, a)
    a, b = b, a + b
print(a // b, b - a > a, len(str(a)))
