print(int("10", 37))
