print(0.0 ** 0)
print(0.0 ** -2.5)
