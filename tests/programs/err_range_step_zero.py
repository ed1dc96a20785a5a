print(list(range(0, 10, 3)))
print(list(range(0, 10, 0)))
