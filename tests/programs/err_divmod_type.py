print(divmod("a", 1))
