# Names that are builtins CPython has and pyjit lacks are fine once the
# program binds them itself.
def sorted(xs):
    out = list(xs)
    out.sort()
    return out


round = 3
print(sorted([3, 1, 2]), round)
