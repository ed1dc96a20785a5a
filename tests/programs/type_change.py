x = 0
for i in range(20):
    if i == 10:
        x = x + 0.5
    x = x + i
print(x)
acc = 1
for i in range(5):
    acc = acc * 3
    if i == 2:
        acc = str(acc)
        acc = len(acc)
print(acc)
vals = [1, 2.5, "s", [1], (2,), None, True]
for v in vals:
    print(v, v == v, bool(v))
