a = 1; b = 2; print(a + b)
if a < b: print("less"); print("still")
while a < 4: a += 1
print(a)
x = (1 +
     2 +
     3)
y = [1,
     2,
     ]
z = 1 + \
    2
print(x, y, z)
