keep = []
for i in range(200000):
    tmp = [i, i + 1, (i, str(i))]
    if i % 20000 == 0:
        keep.append(tmp)
print(len(keep), keep[-1])
s = ""
for i in range(3000):
    s = s + "x"
print(len(s))
