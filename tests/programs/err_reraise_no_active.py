# A bare raise with no exception being handled.
def f():
    raise
try:
    print("before")
except ValueError:
    pass
f()
