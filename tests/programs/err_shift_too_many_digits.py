# CPython refuses a shift whose result would have more digits than an index holds.
x = 1
print(x << 2**100)
