print("%(a)s" % 5)
