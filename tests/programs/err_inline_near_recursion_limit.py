# Recursion whose function trace inlines a helper: near the recursion limit
# the inlined call's frame could not exist, so tier 1 makes the call and the
# RecursionError comes where CPython raises it.
def helper(n):
    return n % 7


def down(n):
    if n == 0:
        return 0
    return helper(n) + down(n - 1)


total = 0
for i in range(50):
    total = total + down(100)
print(total)
print(down(5000))
