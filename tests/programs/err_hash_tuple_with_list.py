print(hash((1, [2])))
