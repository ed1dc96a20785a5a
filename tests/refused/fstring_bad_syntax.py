# refused: 3:10: f-string: invalid syntax
x = 1
print(f"{x +}")
