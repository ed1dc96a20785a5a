# int() of a string counts leading zeros against the 4300-digit limit.
print(int("0" * 4299 + "7"))
print(int("-" + "0" * 100 + "1" * 4200))
print(int("0" * 4300 + "1"))
