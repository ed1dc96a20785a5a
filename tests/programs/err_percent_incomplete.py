print("50%" % ())
