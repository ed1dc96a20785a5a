# refused: 2:1: classes are not supported by pyjit's Python subset (Level 2)
class A:
    pass
