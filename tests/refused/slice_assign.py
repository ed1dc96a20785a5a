# refused: 3:1: slice assignment is not supported by pyjit's Python subset
a = [1, 2, 3]
a[0:1] = [5]
