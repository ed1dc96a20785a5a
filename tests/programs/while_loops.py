i = 0
total = 0
while i < 10:
    total += i
    i += 1
print(total)
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n //= 2
    else:
        n = 3 * n + 1
    steps += 1
print(steps)
k = 0
while True:
    k += 1
    if k > 5:
        break
print(k)
j = 0
while j < 3:
    j += 1
else:
    print("while else", j)
j = 0
while j < 3:
    j += 1
    if j == 2:
        break
else:
    print("not printed")
print("end", j)
