# refused: 4:9: no binding for nonlocal 'x' found
def f():
    def g():
        nonlocal x
        x = 1
    return g
