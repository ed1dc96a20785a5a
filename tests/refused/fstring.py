# refused: 3:7: f-string: invalid conversion character: expected 's', 'r', or 'a'
x = 1
print(f"{x!z}")
