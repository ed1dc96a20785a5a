vals = [k * 2 for k in range(3)]
print(vals)
print(k)
