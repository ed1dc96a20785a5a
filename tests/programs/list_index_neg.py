a = list(range(10))
print(a[-1], a[-10], a[0], a[9])
i = 0
total = 0
while i < len(a):
    total += a[i] * a[-1 - i]
    i += 1
print(total)
t = tuple(a)
print(t[-2], t[3])
print(range(0, 20, 3)[-1], range(10)[4])
