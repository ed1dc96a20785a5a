# refused: 2:5: lambda is not supported by pyjit's Python subset
f = lambda x: x
