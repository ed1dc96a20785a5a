def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

def collatz_len(n):
    length = 1
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        length += 1
    return length

print(gcd(1071, 462), gcd(17, 5), gcd(0, 9), gcd(-12, 18))
best = 0
best_n = 0
for n in range(1, 3000):
    l = collatz_len(n)
    if l > best:
        best = l
        best_n = n
print(best_n, best)
