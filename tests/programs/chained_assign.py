a = b = c = 7
print(a, b, c)
x = y = [1]
x.append(2)
print(y)
lst = [0, 0, 0]
i = lst[0] = 2
print(i, lst)
p, q = r = 1, 2
print(p, q, r)
lst[1] += 5
lst[-1] -= 1
print(lst)
