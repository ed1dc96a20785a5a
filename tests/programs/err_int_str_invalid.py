print(int("  42  "))
print(int("4 2"))
