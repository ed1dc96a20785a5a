a = [0, 1, 2, 3, 4, 5]
del a[0]
del a[-1]
print(a)
i = 1
while i < len(a):
    del a[i]
    i += 1
print(a)
d = {"p": 1, "q": 2, "r": 3}
del d["q"], d["r"]
print(d)
nested = {"inner": [1, 2, 3]}
del nested["inner"][1]
print(nested)
