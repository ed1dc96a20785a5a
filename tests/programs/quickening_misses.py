# Every specialized form of tier 1 made to miss after it was quickened:
# operands that change type (int to float, to ints beyond 64 bits, list to
# tuple, str to list), a global function rebound, a builtin shadowed, and
# one loop over lists and a range.
import math

def add(a, b):
    return a + b

def twice(x):
    return 2 * x

def run():
    xs = [1, 2, 3]
    t = (4, 5, 6)
    total = 0
    for i in range(40):
        v = i if i < 20 else i * 0.5          # int, then float
        w = i if i < 30 else 10 ** 20 + i      # small int, then beyond 64 bits
        total = add(total, v)
        total = add(total, w * 3 - 1)
        seq = xs if i < 25 else t              # list, then tuple subscripts
        pair = t if i < 15 else xs             # tuple, then list
        total = add(total, pair[i % 3] + pair[-1])
        total = add(total, seq[i % 3])
        if i > 10:
            total = add(total, math.sqrt(i))
        s = "ab" if i < 35 else ["a", "b", "c"]  # len of str, then list
        total = add(total, len(s))
        total = add(total, i < 30 or i < 1.5)
    return total

print(run())
f = twice
print([f(k) for k in range(5)])
def twice(x):          # the global rebound: another code
    return x * 2 + 1
print([twice(k) for k in range(5)])
def len(x):            # a builtin shadowed
    return 99
print(len([1]))
acc = []
for it in ([1, 2], range(3), [4]):
    for v in it:
        acc.append(v)
print(acc)

def inc(x):
    return x + 1
def dec(x):
    return x - 1
out = []
for g in [inc, inc, inc, dec, dec, abs, abs, abs, min, inc]:  # one call site
    out.append(g(-3) if g is not min else g(-3, 4))
for s in ["abc", "abc", "abc", range(7), (1, 2), [5]]:
    out.append(len(s))
for c in [min, min, min, max, max]:
    out.append(c(3, 4))
print(out)
