# Int bit operations: a xorshift generator and population counts, with
# masks that keep values in 64 bits.
MASK = (1 << 62) - 1


def xorshift(seed, n):
    x = seed
    acc = 0
    for _ in range(n):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
        acc ^= x & 0xFFFF
    return acc


def popcounts(n):
    total = 0
    for i in range(n):
        v = i
        while v:
            v &= v - 1
            total += 1
    return total


print(xorshift(88172645463325252 & MASK, 1200000))
print(popcounts(600000))
