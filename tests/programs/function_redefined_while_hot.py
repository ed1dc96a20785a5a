# A caller whose trace calls a function the program then redefines: the
# call must reach the new definition.
def f(x):
    return x + 1


def caller(n):
    s = 0
    for i in range(n):
        s += f(i)
    return s


print(caller(3000))


def f(x):
    return x * 2


print(caller(3000))
f = abs
print(caller(10) - 45)
