print("%s" % ("a", "b"))
