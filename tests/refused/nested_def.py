# refused: 3:5: nested functions are not supported by pyjit's Python subset (closures are Level 2)
def outer():
    def inner():
        return 1
    return inner
