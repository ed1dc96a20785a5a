# refused: 2:10: **kwargs is not supported by pyjit's Python subset
def f(a, **kw):
    return a
