# Functions a hot loop's trace has inlined are redefined while it runs:
# the trace checks which function it calls and leaves when it changed.
def inner(x):
    return x + 1


def outer(x):
    return inner(x) * 2


total = 0
for i in range(400):
    if i == 150:
        def inner(x):
            return x - 1
    if i == 300:
        def outer(x):
            return inner(x) * 3
    total = total + outer(i)
print(total)
