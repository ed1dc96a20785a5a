# Raising a class makes an instance with no arguments: the last line is
# just the class name.
def check(x):
    if x < 0:
        raise ValueError
    return x
print(check(3))
check(-1)
