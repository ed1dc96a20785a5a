# str() and int() of big ints.
s = str(2**200)
print(s, len(s), int(s) == 2**200)
print(int("-123456789012345678901234567890"), int("  +0000000000000000000000000000042  "))
print(int("1_000_000_000_000_000_000_000_000"), str(-10**25), str(10**25)[3:7])
print(int(str(3**300)) == 3**300, len(str(7**1000)))
print(bool(2**100), bool(-2**100), bool(2**100 - 2**100), isinstance(2**100, int))
