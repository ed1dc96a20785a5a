d = {}
print(d.keys(1))
