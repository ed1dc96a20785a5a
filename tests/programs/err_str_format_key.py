print("{name}".format(1))
