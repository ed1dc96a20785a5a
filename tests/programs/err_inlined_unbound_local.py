# A local of an inlined call that only one path assigns: the trace follows
# the path that assigns it; when the other path runs, CPython's
# UnboundLocalError comes from the callee's frame.
def pick(x):
    if x < 250:
        y = x * 2
    return y + 1


def use(x):
    return pick(x) - 1


total = 0
for i in range(300):
    total = total + use(i)
print(total)
