# A generator that yields inside an except block keeps that exception as
# its own; a bare raise in a generator that handles nothing sees the
# caller's (CPython's per-generator exc_state and its chain).
def gen():
    try:
        raise KeyError("inside")
    except KeyError:
        yield 1
        raise  # the generator's own exception, after resuming
def consumer():
    g = gen()
    print(next(g))
    try:
        raise ValueError("outer")
    except ValueError:
        try:
            next(g)
        except KeyError as e:
            print("generator re-raised", repr(e))
        try:
            raise
        except ValueError as e:
            print("consumer still handles", repr(e))
consumer()
def plain():
    yield 1
    raise
try:
    try:
        raise IndexError("caller's")
    except IndexError:
        p = plain()
        next(p)
        next(p)
except IndexError as e:
    print("bare raise in a generator sees the caller's:", repr(e))
