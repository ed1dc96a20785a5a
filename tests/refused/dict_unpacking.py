# refused: 2:12: '**' in a dict display is not supported by pyjit's Python subset
d = {1: 2, **{}}
