print(1 < 2, 2 < 1, 1 <= 1, 1 > 0, 1 >= 2, 1 == 1, 1 != 1)
print(1 == 1.0, 1 < 1.5, 2.5 > 2, "a" < "b", "abc" < "abd", "a" == "a")
print(1 < 2 < 3, 3 > 2 > 2, 1 < 3 > 2, 1 == 1 == 1.0, 1 < 2 < 3 < 4 < 0)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], (1, 2) == (1, 2), (1, 2) < (1, 2, 0))
print(None == None, None != 0, True == 1, False == 0, 1.0 == True)
x = None
print(x is None, x is not None, 5 is not None)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53))
