a = [1, 2, 3]
a.append(4)
print(a, len(a), a[0], a[-1], a[-4])
a[1] = 20
a[-1] = 40
print(a)
print(a.pop(), a, a.pop(0), a)
b = a + [7, 8]
print(b, a * 2, [0] * 5, 3 * [1, 2])
c = []
for i in range(5):
    c.append(i * i)
print(c, 9 in c, 10 in c, 10 not in c)
nested = [[1, 2], [3, 4]]
nested[1][0] = 30
print(nested, nested[0][1])
e = [1, "two", 3.0, None, True, [5]]
print(e)
x = a
x.append(99)
print(a)
a += [100]
print(x)
