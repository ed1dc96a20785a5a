# *args in definitions and calls, keyword-only parameters with and without
# defaults.
def join(sep, *parts):
    return sep.join([str(p) for p in parts])
print(join("-"), join("-", 1), join(", ", 1, "two", 3.0))

def stats(*values, scale=1, label="stats"):
    if not values:
        return label + ": empty"
    return "%s: n=%d sum=%d" % (label, len(values), sum(values) * scale)
print(stats(), stats(1, 2, 3), stats(1, 2, scale=10), stats(4, label="four"))

nums = [5, 6, 7]
print(stats(*nums), stats(*nums, *nums, scale=2), stats(1, *nums, 2))
print(*nums)
print(*"abc", sep="|")
print(max(*nums), min(*nums, 0))

def kwonly(a, *, b, c=3):
    return (a, b, c)
print(kwonly(1, b=2), kwonly(b=5, a=4), kwonly(1, c=9, b=8))

def varargs_tuple(*args):
    return args, type_of_args(args)
def type_of_args(t):
    return isinstance(t, tuple)
print(varargs_tuple(), varargs_tuple(1, [2]))

def forward(*args):
    return join(*args)
print(forward("/", "a", "b"))

def count_calls(n):
    total = 0
    for i in range(n):
        total += len(varargs_tuple(i, i)[0])
    return total
print(count_calls(3000))
t = (1, 2)
print(divmod(*t), pow(*[2, 10]), list(zip(*[[1, 2], [3, 4]])))
