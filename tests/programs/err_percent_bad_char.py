print("%d %y" % (1, 2))
