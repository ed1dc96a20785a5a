# next() wants an iterator, not an iterable.
it = iter([1, 2])
print(next(it))
next([1, 2])
