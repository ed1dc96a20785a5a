print(format(-1, "c"))
