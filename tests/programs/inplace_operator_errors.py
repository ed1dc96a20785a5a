# Augmented assignment names its operator with "=" in CPython's TypeError.
cases = [(1, "a"), (1.5, None), (10 ** 30, None), ([1], 2.5), (None, 1), ("s", 3.0)]
for a, b in cases:
    for name in ["+=", "-=", "*=", "//=", "%=", "**=", "<<=", "&="]:
        x = a
        try:
            if name == "+=":
                x += b
            elif name == "-=":
                x -= b
            elif name == "*=":
                x *= b
            elif name == "//=":
                x //= b
            elif name == "%=":
                x %= b
            elif name == "**=":
                x **= b
            elif name == "<<=":
                x <<= b
            else:
                x &= b
            print(name, "ok", x)
        except TypeError as e:
            print(name, e)
