def add(a, b):
    return a + b

def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct

def nothing():
    pass

def early(x):
    if x > 0:
        return "positive"
    return

print(add(1, 2), add("a", "b"), add([1], [2]))
print(greet("bob"), greet("amy", "hi"), greet("z", "yo", "?"))
print(nothing(), early(1), early(-1))
print(greet(punct=".", name="kw"))
f = add
print(f(10, 20))
def apply(fn, x):
    return fn(x, x)
print(apply(add, 21))
