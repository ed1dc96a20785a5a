l = [1, 2, 3]
print(l[:2**70])
print(l[2**70])
