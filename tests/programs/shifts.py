# Shifts, including arithmetic right shift of negatives.
for a in [1, -1, 5, -5, 255, -256, 2**62, -2**62]:
    print(a, a << 1, a << 10, a >> 1, a >> 3, a >> 63, a >> 64)
print(1 << 62, 1 << 63, 3 << 62, -1 << 63, -1 << 64, True << 3)
