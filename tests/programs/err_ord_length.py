for c in ["a", "bc"]:
    print(ord(c))
