x = 10**5000
print(x > 10**4999)
print(x)
