l = [1, 2]
print(l.pop(0))
print(l.pop(5))
