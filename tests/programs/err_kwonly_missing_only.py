# Missing keyword-only arguments are named, as CPython names them.
def f(*args, first, second):
    return args
print(f(first=1, second=2))
f(1, 2)
