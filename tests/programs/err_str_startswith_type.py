print("abc".startswith(["a"]))
