# An inner loop entered thousands of times: the trace a tiered policy
# should recompile with its optimizing backend.


def inner(n):
    s = 0
    j = 0
    while j < n:
        s += j * j
        j += 1
    return s


total = 0
for i in range(3000):
    total += inner(100)
print(total)
