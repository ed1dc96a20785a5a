# Globals updated from functions.
count = 0
total = 0

def bump(k):
    global count, total
    count += 1
    total += k
    return count

for i in range(10):
    bump(i * i)
print(count, total)

def reader():
    return count * 2

print(reader())
