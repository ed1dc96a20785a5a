# Default parameter values and recursion.
def power(base, exp=2, mod=None):
    r = base ** exp
    if mod is not None:
        r = r % mod
    return r

print(power(3), power(3, 3), power(2, 100, 1000000007), power(2, mod=7), power(exp=3, base=2))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(ackermann(2, 3), ackermann(3, 3))

def hanoi(n, a="A", b="B", c="C"):
    if n == 0:
        return 0
    return hanoi(n - 1, a, c, b) + 1 + hanoi(n - 1, c, b, a)

print(hanoi(10))
