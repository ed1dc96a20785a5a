# Results that fit again are ordinary ints again.
x = 2**70
y = x - 2**70 + 5
print(y, y * 3, y + 1, y == 5, [0, 1, 2, 3, 4, 5, 6][y])
z = (2**64 * 3) // 2**64
print(z, "abc"[z - 3], z == 3)
t = -(2**63)
print(t, t + 0, (t - 1) + 1 == t)
print(sum([2**62] * 4) - 2**64, abs(-2**64) - 2**64)
