# refused: 2:5: complex numbers are not supported by pyjit's Python subset
x = 3j
