# refused: 2:7: the builtin 'map' is not supported by pyjit's Python subset (CPython has it)
print(map(abs, [3, 1, 2]))
