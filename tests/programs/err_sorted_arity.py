print(sorted())
