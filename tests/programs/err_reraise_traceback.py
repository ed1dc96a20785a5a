# A re-raised exception keeps its traceback and gains the outer frames.
def deepest(n):
    if n == 0:
        return [][1]
    return deepest(n - 1)

def middle():
    try:
        deepest(3)
    except IndexError:
        print("middle saw it")
        raise

def top():
    middle()

top()
