# filter takes a function and an iterable.
print(list(filter(None, [0, 1])))
filter(None)
