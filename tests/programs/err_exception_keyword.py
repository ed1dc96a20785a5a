# Exception classes take no keyword arguments.
e = ValueError("ok")
print(e)
ValueError("x", code=3)
