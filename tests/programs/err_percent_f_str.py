print("%.2f" % "x")
