print(format(7, "abc"))
