print(enumerate([], "a"))
