# A recursive function whose compiled calls run linked (directly from call
# to call) while the tiered policy still times it: every so many calls go
# through tier 2, which recompiles it with the better backend mid-recursion.
# Then its argument kinds change (float, big int), a side trace is needed
# where none was, and an error is raised deep inside.
def walk(n, step):
    if n < 2:
        return n
    return walk(n - 1, step) + walk(n - 2, step) * step


print(walk(24, 1))
print(walk(18, 0.5))
print(walk(12, 10 ** 19))


def tri(n):
    if n == 0:
        return 0
    return n + tri(n - 1)


t = 0
for i in range(3000):
    t += tri(i % 200)
print(t)


def down(n, d):
    if n <= 0:
        return 1 // d
    return down(n - 1, d) + 1


print(down(50, 1))
print(down(60, 0))
