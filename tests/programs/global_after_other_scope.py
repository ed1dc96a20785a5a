# `global` in a function after the module assigned the name is fine.
x = 1
def f():
    global x
    x = x + 1
f()
print(x)
