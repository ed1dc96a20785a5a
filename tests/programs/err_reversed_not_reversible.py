print(reversed(5))
