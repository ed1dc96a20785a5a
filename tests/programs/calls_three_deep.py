# Hot functions that call hot functions: each gets a function trace, and a
# call from one enters the next's compiled code.
def leaf(x, k):
    if x % 3 == 0:
        return x // 3 + k
    return x * 2 - k


def middle(x):
    return leaf(x, 1) + leaf(x + 1, 2)


def outer(x):
    y = middle(x)
    if y > 1000:
        return y - middle(x // 2)
    return y + 1


total = 0
for i in range(3000):
    total += outer(i)
print(total)
print(outer(7), outer(12345), middle(-4), leaf(9, 5))
