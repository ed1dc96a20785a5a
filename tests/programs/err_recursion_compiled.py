# Unbounded recursion after the function has been compiled: RecursionError
# at the same depth as CPython.
def walk(n):
    if n < 0:
        return 0
    return walk(n + 1) + 1


total = 0
for i in range(300):
    total += walk(-i - 1) + walk(-1)
print(total)
print(walk(0))
