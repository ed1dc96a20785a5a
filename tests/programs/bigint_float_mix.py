# Big ints meeting floats: converted with correct rounding.
print(2**100 * 1.5, 2**100 + 0.5, 2**100 - 0.5, 1.5 * 2**100)
print(float(2**100), float(-2**100), float(2**1023), float(2**53 + 1), float(2**54 + 3))
print(float(2**1024 - 2**970), int(float(2**1024 - 2**970)) == 2**1024 - 2**970)
print(2**100 / 2.0, 2**100 // 3.0, 2**100 % 7.0, (2**100) ** 0.5)
print(int(1e20), int(-1e20), int(1.5e300) % 10**10, int(2.0**63), int(-2.0**63))
print(int(123.99), int(-123.99), int(1e19), int(9.999999999999999e22))
