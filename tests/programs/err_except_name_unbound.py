# The name of `except ... as e` is unbound when the handler ends.
def f():
    try:
        raise ValueError("v")
    except ValueError as e:
        print("in handler", e)
    return e
f()
