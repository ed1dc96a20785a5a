# StopIteration escapes when next() finds nothing and there is no default.
it = iter(range(2))
print(next(it), next(it), next(it, "default"))
next(it)
