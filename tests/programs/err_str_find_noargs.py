print("abc".find())
