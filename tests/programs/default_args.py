def f(a, b=2, c=3):
    return a * 100 + b * 10 + c

print(f(1), f(1, 5), f(1, 5, 6), f(1, c=9), f(a=4), f(1, b=0, c=0))
shared = []
def g(x, acc=shared):
    acc.append(x)
    return acc
g(1)
g(2)
print(shared)
def h(n=10 * 2):
    return n
print(h(), h(0))
