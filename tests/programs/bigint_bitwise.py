# Bitwise operators use two's complement on big ints, as Python does.
a = 2**100 + 12345
b = -(2**90) - 6789
print(a & b, a | b, a ^ b, ~a, ~b)
print(a & 0xFFFF, b & 0xFFFF, b | 0xFF, b ^ -1)
print(a >> 50, b >> 50, a << 30, b << 30, a >> 200, b >> 200)
print(1 << 64, 1 << 100, -1 << 100, (1 << 100) >> 99, 0 << 1000)
print((2**64 - 1) & -(2**64), (2**64) | (2**64 - 1))
