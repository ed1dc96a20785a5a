print("abc".count("a", "x"))
