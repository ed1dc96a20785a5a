# refused: 2:7: the builtin 'frozenset' is not supported by pyjit's Python subset (CPython has it)
print(frozenset([3, 1, 2]))
