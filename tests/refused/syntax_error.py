# refused: 2:10: invalid syntax at ')'
x = (1 + )
