print(2**70 & 1)
print(1.5 | 10**400)
