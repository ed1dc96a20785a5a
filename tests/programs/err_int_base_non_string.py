print(int(10, 10))
