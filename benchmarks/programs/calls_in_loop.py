# Small Python functions called from hot loops.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


total = 0
for i in range(1, 1400000):
    total += gcd(i, 360360) + clamp(i % 97, 10, 80)
print(total)
