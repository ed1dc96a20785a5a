# Errors name a nested function by its qualified name.
def outer():
    def inner(a, b):
        return a + b
    return inner
f = outer()
print(f(1, 2))
f(1)
