print(round("a"))
