print("a b".split(None, "x"))
