def scan(data):
    best = 0
    for i in range(len(data)):
        if data[i] > best:
            best = data[i]
    return best

print(scan([3, 9, 2, 7, 11, 4] * 5))
