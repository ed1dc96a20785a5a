# refused: 2:7: only positional parameters are supported by pyjit's Python subset
def f(*args):
    return args
