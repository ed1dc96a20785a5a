d = {}
d.update([(1, 2), 3])
