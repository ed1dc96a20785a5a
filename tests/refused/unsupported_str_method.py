# refused: 2:13: str.upper is not supported by pyjit's Python subset (CPython has it)
print("a" + "b".upper())
