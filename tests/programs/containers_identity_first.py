# Containers compare items by identity first (`x is y or x == y`), so a NaN
# is found in and equals itself inside lists and tuples.
x = float("nan")
l = [x, 1.0, x]
print([x] == [x], x in [x], [x].index(x), l.count(x), (x,) == (x,), x in (1, x))
print([x] != [x], (x, 1) < (x, 2), [[x]] == [[x]])
l.remove(x)
print(len(l), l.index(1.0), x == x, x is x)
