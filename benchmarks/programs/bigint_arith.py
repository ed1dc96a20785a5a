# Big ints: factorials, Fibonacci numbers and powers far beyond 64 bits.
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib(n):
    a = 0
    b = 1
    for _ in range(n):
        a, b = b, a + b
    return a


total = 0
for k in range(18000):
    total += factorial(200 + k % 50) % 1000000007
print(total)
print(fib(100000) % 1000000007)
x = 3
for _ in range(120000):
    x = (x * x + 7) % (2 ** 521 - 1)
print(x % 1000000007)
