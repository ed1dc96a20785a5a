print(chr("a"))
