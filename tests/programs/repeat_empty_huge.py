# Repeating an empty sequence any number of times is instant, and 0 times
# anything is empty: no loop over the count.
print([] * 10**18, "" * 10**18, () * 10**18, "" * (2**63 - 1) == "")
x = []
x *= 10**18
print(x, [1, 2] * 0, "abc" * -10**18)
def f(n):
    out = []
    for i in range(3):
        out.append(len([] * n) + len("" * n))
    return out
print(f(10**18))
