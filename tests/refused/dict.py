# refused: 2:5: dict and set displays are not supported by pyjit's Python subset (Level 2)
d = {1: 2}
