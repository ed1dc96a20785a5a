print(hex(1.5))
