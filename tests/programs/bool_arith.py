# bool is an int.
print(True + 1, True + True, False - True, True * 10, True / 2, True // 1, -True, ~True)
print(True & False, True | False, True ^ True, True & 3, 2 | False, True == 1, False == 0)
print(isinstance(True, int), isinstance(1, bool), sum([True, True, False]), max(True, 0))
print(True < 2, [1, 2][True], "ab"[False], True ** 2, 2 ** True, abs(-True))
