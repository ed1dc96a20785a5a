# f(*x) with x not iterable names the function.
def f(*args):
    return len(args)
print(f(*[1, 2]))
f(*5)
