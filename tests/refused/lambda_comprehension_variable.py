# refused: 2:8: a function that uses a comprehension's variable is not supported by pyjit's Python subset
fns = [lambda: i for i in range(3)]
