# refused: 2:6: set displays are not supported by pyjit's Python subset (Level 2)
s = {1, 2}
