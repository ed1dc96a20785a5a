print("abc".endswith(("c", 1)))
print("abc".endswith(("x", 1)))
