print("abc".replace("a", "b", 1.5))
