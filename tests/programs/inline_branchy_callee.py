# An inlined callee whose branches go both ways often: the trace exits
# inside it, and the side trace made there starts inside the same call,
# returns through it into the loop and goes round.
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def score(i):
    c = clamp(i % 97, 10, 80)
    return c * 2 + clamp(i % 13, 3, 9)


total = 0
for i in range(20000):
    total += score(i)
print(total)
