print("7".zfill("3"))
