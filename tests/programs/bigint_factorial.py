# A classic: factorials grow past 64 bits.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

for n in [5, 20, 21, 25, 30, 50]:
    print(n, fact(n))
print(fact(100) // fact(98), fact(60) % 1000000007)
