d = {1: 2}
print({} in d)
