# An unbound local read right after another local is read or stored (the
# instruction pairs an interpreter is tempted to fuse) raises there, after
# the first instruction ran, with its own line.
def pair(n):
    a = 1
    if n > 5:
        b = 3
    total = a + b
    return total


def store_then_load(n):
    a = 1
    if n > 5:
        b = 3
    c = a
    d = b
    return c + d


print(pair(10), store_then_load(10))
print(store_then_load(1))
