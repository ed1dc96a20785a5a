# Adding to a set while iterating it.
s = {1, 2, 3}
for v in s:
    print(v)
    s.add(v * 10)
