l = []
l.insert(0, "x")
print(l)
l.insert("a", 1)
