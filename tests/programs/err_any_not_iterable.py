print(any(5))
