# A loop whose accumulator changes type: int, then float, then big int.
x = 1
for i in range(70):
    x = x * 2
    if i == 10:
        x = x / 3
        x = int(x * 3)
print(x)
y = 0
for i in range(10):
    y = y + (0.5 if i % 2 else 1)
print(y)
z = 2**62
k = 0
while k < 4:
    z = z + 2**62
    k += 1
    print(z)
