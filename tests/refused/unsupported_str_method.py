# refused: 2:13: str.title is not supported by pyjit's Python subset (CPython has it)
print("a" + "b".title())
