# refused: 3:1: 'yield' outside function
x = 1
yield x
