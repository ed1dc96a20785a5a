print(round(1.5, "x"))
