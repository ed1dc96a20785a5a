# refused: 4:5: name 'x' is assigned to before global declaration
def f():
    x = 1
    global x
