# refused: 3:7: f-string: expecting '}'
x = 1
print(f"{x")
