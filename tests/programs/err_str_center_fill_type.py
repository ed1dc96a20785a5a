print("a".center(5, 1))
