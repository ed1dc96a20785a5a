def bubble(a):
    n = len(a)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a

data = []
seed = 12345
for i in range(60):
    seed = (seed * 1103515245 + 12345) % 2147483648
    data.append(seed % 1000)
print(bubble(data))
