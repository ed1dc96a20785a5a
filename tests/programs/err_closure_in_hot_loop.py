# An error inside a closure called from a hot loop.
def make():
    limit = 900
    count = 0
    def step(i):
        nonlocal count
        count += 1
        if count > limit:
            raise OverflowError("over the limit at " + str(i))
        return count
    return step

s = make()
total = 0
for i in range(1000):
    total += s(i)
print(total)
