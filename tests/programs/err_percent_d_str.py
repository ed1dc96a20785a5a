print("%d" % "5")
