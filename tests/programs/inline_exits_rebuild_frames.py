# Calls inlined into a loop's trace, three deep, whose guards fail later:
# types change, branches flip, an overflow goes to a big int. Each exit
# inside an inlined call resumes tier 1 in the callee's frame, with the
# caller's pending values (the `a +` below the call) where tier 1 keeps them.
def leaf(x, k):
    if k > 300:
        y = x * 3
    else:
        y = x + k
    return y


def middle(x, k):
    t = leaf(x, k) - 1
    return t * 2


def outer(a, x, k):
    return a + middle(x, k) * 3


total = 0
for i in range(600):
    x = i
    if i > 400:
        x = i + 0.5
    if i > 500:
        x = 2 ** 62 + i
    total = outer(total % 1000003, x, i)
print(total)


def swap_in_callee(a, b):
    a, b = b, a
    return a - b


acc = 0
for i in range(300):
    acc = acc + swap_in_callee(i, acc % 7)
print(acc)
