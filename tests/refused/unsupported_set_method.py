# refused: 2:7: set.union is not supported by pyjit's Python subset (CPython has it)
print({1, 2}.union({3}))
