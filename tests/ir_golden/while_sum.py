def total(n):
    s = 0
    i = 0
    while i < n:
        s = s + i * 3
        i = i + 1
    return s

print(total(100))
