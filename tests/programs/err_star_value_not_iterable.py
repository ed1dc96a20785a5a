# A starred argument among others that is not iterable.
def f(*args):
    return len(args)
print(f(0, *(1, 2), 3))
f(0, *None)
