# PEP 479: a StopIteration that leaves a generator's frame becomes
# RuntimeError("generator raised StopIteration"), caught here; a loop over
# the generator in a hot function, so that compiled code consumes it.
def gen(n):
    for i in range(n):
        yield i
    raise StopIteration


def total(n):
    s = 0
    try:
        for x in gen(n):
            s += x
    except RuntimeError as e:
        print("RuntimeError:", e)
    return s


for k in range(40):
    t = total(k)
print(t)


def firsts(rows):
    for row in rows:
        yield next(iter(row))


print(list(firsts([[1], [2, 3]])))
try:
    print(list(firsts([[1], [], [3]])))
except RuntimeError as e:
    print("caught:", e)
# Raised and caught inside the generator: nothing to replace.
def careful():
    try:
        raise StopIteration
    except StopIteration:
        yield "handled"
print(list(careful()))
