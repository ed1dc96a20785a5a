total = 0
for i in range(10):
    total += 100 // (5 - i)
    print(total)
