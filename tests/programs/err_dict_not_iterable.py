print(dict(5))
