print(reversed([1], [2]))
