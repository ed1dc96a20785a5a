# An error in a generator expression consumed by a hot loop.
data = list(range(1000)) + ["oops"]
total = 0
for v in (x * 2 for x in data):
    total += v
print(total)
