# map() calls its function only when iterated.
m = map(3, [1, 2])
print("made the map")
print(list(m))
