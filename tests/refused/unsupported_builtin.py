# refused: 2:7: the builtin 'sorted' is not supported by pyjit's Python subset (CPython has it)
print(sorted([3, 1, 2]))
