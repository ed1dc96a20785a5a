# return from a loop inside an except, a finally or a try body: the
# iterators go first, then what each block around them must undo.
def f(xs):
    try:
        raise ValueError("v")
    except ValueError:
        for x in xs:
            if x == 2:
                return x * 10
    return -1
print(f([1, 2, 3]), f([]))
def g():
    for i in range(3):
        try:
            for j in range(3):
                if j == 1:
                    return (i, j)
        finally:
            print("fin", i)
print(g())
def h():
    try:
        1 / 0
    finally:
        for k in range(5):
            if k == 2:
                return k
print(h())
def k():
    try:
        raise KeyError(1)
    except KeyError:
        for a in range(2):
            for b in range(2):
                if b == 1:
                    return "nested", a, b
print(k())
try:
    raise RuntimeError("x")
except RuntimeError:
    pass
print("after", k())
