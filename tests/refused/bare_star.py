# refused: 2:10: named arguments must follow bare *
def f(a, *):
    return a
