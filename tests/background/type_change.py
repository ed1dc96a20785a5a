# A hot loop whose values change type after the optimizing tier's code was
# compiled in the background and installed: its guards must leave exactly.
def step(values, k):
    total = 0
    for v in values:
        total = total + v * k - (v // 3)
    return total


ints = list(range(2000))
acc = 0
for round_ in range(4000):
    acc += step(ints, round_ % 7)
print(acc)
floats = [x * 0.5 for x in range(2000)]
facc = 0.0
for round_ in range(600):
    facc += step(floats, round_ % 5)
print(facc)
mixed = ints[:1000] + [10**20] + ints[1000:]
print(step(mixed, 3))
