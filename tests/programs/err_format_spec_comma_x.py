print(format(7, ",x"))
