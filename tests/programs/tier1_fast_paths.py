# The operations tier 1 computes without a call (runtime/fast_paths.h),
# at one instruction whose operand types change under it, and at the
# edges where the fast path must hand over to the general one; it ends
# with an error raised at such an edge.
def mix(a, b):
    if b == 0:
        return [a + b, a - b, a * b]
    return [a + b, a - b, a * b, a / b, a // b, a % b]


values = [7, -7, 2.5, -0.0, True, 2**62, -(2**63), 2**53 + 1, 10**30, 3, -1]
for a in values:
    for b in values:
        print(mix(a, b))

def bits(a, b):
    return [a & b, a | b, a ^ b, a << (b % 70), a >> (b % 70)]


for a in [0, 1, -1, 5, -5, 2**62, -(2**63), 2**63 - 1, True, 2**64]:
    for b in [0, 1, 7, 62, 63, 64, 69, -1, True]:
        print(bits(a, b))

big = -(2**63)
print(big // -1, big % -1, big * -1, big - 1, (2**63 - 1) + 1)
print(2**53 + 1 + 0.0, float(2**53 + 1), 0.1 + 0.2, 1e308 * 10, -1e308 * 10)

xs = [10, 20, 30]
for i in [0, 1, 2, -1, -3, True, False]:
    print(xs[i])
for i in [0, -1, True]:
    xs[i] = i * 100
print(xs)

nan = float("nan")
for a, b in [(1.0, 2.0), (2.0, 1.0), (nan, 1.0), (1.0, nan), (nan, nan), (-0.0, 0.0)]:
    print(a < b, a <= b, a == b, a != b, a > b, a >= b)

total = 0
for k in range(5, -5, -2):
    total = total * 3 + k
print(total)
for k in range(2**62, 2**62 + 3):
    print(k + k)
ys = [1.5, 0.5, 0.0]
acc = 1.0
for y in ys:
    acc = acc / y
print(acc)
