# Accumulating past 64 bits inside a hot loop.
total = 0
for i in range(100000):
    total += i * 1000000000000
print(total)
acc = 1
i = 0
while i < 100:
    acc = acc * 3 + 1
    i += 1
print(acc, acc % 1000, acc > 2**150)
