# print's sep= and end=.
print(1, 2, 3, sep="-")
print("a", "b", sep="", end="!\n")
print("no newline", end="")
print(" then more")
print(sep="x")
print(1, 2, sep=None, end=None)
print([1, "a", 2.5, None, True, (1,)], (), [], "")
