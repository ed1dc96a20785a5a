x = 1.0
for k in range(50):
    x = x * 1.01 + 0.5
print(x)
