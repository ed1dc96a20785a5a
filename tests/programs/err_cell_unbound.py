# A local that an inner function shares, read before it is assigned.
def f():
    def g():
        return x
    print(x)
    x = 1
    return g
f()
