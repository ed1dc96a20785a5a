# refused: 3:18: 'raise ... from' is not supported by pyjit's Python subset
x = 1
raise ValueError from None
