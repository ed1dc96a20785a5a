# refused: 3:1: name 'x' is assigned to before global declaration
x = 1
global x
