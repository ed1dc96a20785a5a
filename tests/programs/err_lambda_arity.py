# A lambda called with the wrong number of arguments.
pairs = [(1, 2), (3, 4)]
add = lambda a, b: a + b
print([add(*p) for p in pairs])
print(list(map(add, pairs)))
