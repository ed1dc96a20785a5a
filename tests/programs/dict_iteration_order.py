d = {}
for k in [5, 3, 9, 1, 7, 3, 5]:
    d[k] = d.get(k, 0) + 1
print(d, list(d))
del d[3]
d[3] = "back"
print(d)
for k in list(d):
    if k > 4:
        del d[k]
print(d)
for i in range(100):
    d[i] = i
for i in range(0, 100, 3):
    del d[i]
print(len(d), list(d)[:10], list(d.values())[-5:])
big = {}
for i in range(5000):
    big[i * 7919 % 10007] = i
s = 0
for k, v in big.items():
    s += k * v
print(len(big), s)
for i in range(5000):
    if i % 2:
        del big[i * 7919 % 10007]
print(len(big), list(big)[:5])
