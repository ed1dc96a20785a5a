# refused: 3:11: 'yield from' is not supported by pyjit's Python subset
def f():
    yield from [1]
