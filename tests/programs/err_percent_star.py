print("%*d" % ("w", 1))
