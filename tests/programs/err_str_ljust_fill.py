print("a".ljust(5, "ab"))
