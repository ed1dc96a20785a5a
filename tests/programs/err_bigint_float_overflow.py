x = 10**400
print(x // 10**399)
print(x * 1.0)
