# An int that overflows into a big int inside a trace.
def grow(n):
    v = 1
    i = 0
    while i < n:
        v = v * 3
        i = i + 1
    return v

print(grow(30), grow(39), grow(40), grow(100))
acc = 9223372036854775000
for k in range(2000):
    acc = acc + 1
print(acc, acc - 9223372036854775807)
