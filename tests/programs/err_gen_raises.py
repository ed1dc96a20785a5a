# An exception raised inside a generator reaches its consumer with both
# frames in the traceback.
def parse(items):
    for item in items:
        yield int(item)

total = 0
for v in parse(["1", "2", "x3"]):
    total += v
    print(total)
