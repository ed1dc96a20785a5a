# int() of text as CPython reads it: Unicode digits and spaces, bases,
# prefixes and underscores.
print(int("\u0663\u0664"), int(" 12 "), int("\u2003-7\u3000"), int("\uff11\uff12"))
print(int("ff", 16), int("0x_1F", 0), int("0b101", 0), int("z", 36), int("Z", 36))
print(int("1_000"), int("0o17", base=8), int("000", 0), int("-0x10", 16), int("+11", 2))
print(int("0_0"), int("  0b1_0  ", 0), int("10", base=0), int(True), int("9" * 50))
