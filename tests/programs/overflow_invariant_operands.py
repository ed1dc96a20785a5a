# Overflow of loop-invariant operands at the first iteration: an optimizer
# that hoists the arithmetic out of the loop must keep its overflow check.
def add(a, b):
    p = 0
    for i in range(3):
        p = a + b
    return p


def sub(a, b):
    p = 0
    for i in range(3):
        p = a - b
    return p


def mul(a, b):
    p = 0
    for i in range(3):
        p = a * b
    return p


M = 9223372036854775807
for x, y in [(M, 1), (1, M), (-M - 1, -1), (M, M), (-M, -M), (3037000500, 3037000500),
             (-1, -M - 1), (-M - 1, -1), (2**32, 2**31), (-(2**32), 2**31), (0, -M - 1)]:
    print(add(x, y), sub(x, y), mul(x, y))
