# A free variable read before the enclosing function assigned it.
def outer():
    def inner():
        return value * 2
    print("calling too early")
    result = inner()
    value = 21
    return result
outer()
