# refused: 4:5: name 'g' is used prior to global declaration
def f():
    print(g)
    global g
