# An uncaught StopIteration from a generator: RuntimeError, printed after
# the StopIteration that caused it.
def gen():
    yield 1
    raise StopIteration("done early")


for x in gen():
    print(x)
