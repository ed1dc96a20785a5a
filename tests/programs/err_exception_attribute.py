# An exception has args and nothing else in the subset.
try:
    raise KeyError("k")
except KeyError as e:
    print(e.args)
    print(e.nonexistent)
