parts = ["a", "b", 3]
print("-".join(parts))
