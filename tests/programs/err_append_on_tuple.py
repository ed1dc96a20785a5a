# A loop whose trace appends to a list meets a tuple: AttributeError, as
# CPython raises it, from the line that made the call.
def fill(target, n):
    for i in range(n):
        target.append(i)
    return target


total = 0
for k in range(60):
    total += len(fill([], 100))
print(total)
fill((1, 2), 100)
