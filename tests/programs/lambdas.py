# lambda: anonymous functions as values, passed, returned, stored in
# containers, with defaults and closures.
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: "no args")())
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
for sym in ["+", "-", "*"]:
    print(sym, ops[sym](6, 3))

def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2 + 1, 10, 0))
print(apply_n(lambda s: s + "!", 3, "hi"))

def make_multiplier(k):
    return lambda x: x * k
triple = make_multiplier(3)
print(triple(14), make_multiplier(0.5)(9))

compose = lambda f, g: lambda x: f(g(x))
print(compose(square, triple)(2), compose(triple, square)(2))

pairs = [(3, "c"), (1, "a"), (2, "b")]
print(sorted(pairs, key=lambda p: p[1], reverse=True))
print(max(pairs, key=lambda p: -p[0]), min(["ccc", "a", "bb"], key=lambda s: len(s)))

total = 0
f = lambda i: i % 7
for i in range(5000):
    total += f(i)
print(total)
print((lambda *a: a)(1, 2, 3), (lambda *, k: k)(k=5))
