l = [1, 2, 3]
print(l.index(2))
print(l.index(7))
