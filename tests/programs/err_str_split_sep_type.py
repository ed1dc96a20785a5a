print("a".split(1))
