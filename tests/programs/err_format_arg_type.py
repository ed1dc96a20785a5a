print(format(1, 2))
