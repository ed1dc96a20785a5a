# next() on a finished generator raises StopIteration.
def two():
    yield 1
    yield 2
g = two()
print(next(g), next(g))
next(g)
