a = [1]
a.append(a)
print(a)
b = [a, (a,)]
print(b)
print(len(a), a[1] is a)
