def f(d, k):
    return d[k]
for i in range(5):
    print(f({0: 0, 1: 1, 2: 2, 3: 3}, i))
