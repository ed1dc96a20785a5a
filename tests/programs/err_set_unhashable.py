# A set's items must be hashable.
s = {1, (2, 3)}
print(len(s))
s.add([4])
