a = 0b1011
b = 0x0F
print(a & b, a | b, a ^ b, ~a, a << 3, a >> 1, -a >> 1, -1 >> 10)
print(0o17, 0xff, 0b_1010, 1_000_000, 0xDEAD_BEEF)
print(True & False, True | False, True ^ True, ~True, ~False)
print(1 << 62, (1 << 62) >> 61)
x = 1
x <<= 4
x |= 3
x &= 0b10011
x ^= 1
x >>= 1
print(x)
