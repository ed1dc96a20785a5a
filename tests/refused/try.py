# refused: 3:1: try/except is not supported by pyjit's Python subset (Level 2)
x = 1
try:
    x = 2
except:
    pass
