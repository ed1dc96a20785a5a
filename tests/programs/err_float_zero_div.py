def ratio(a, b):
    return a / b
print(ratio(1.0, 2.0))
print(ratio(1.0, 0.0))
