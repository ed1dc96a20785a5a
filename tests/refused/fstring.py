# refused: 3:7: f-strings are not supported by pyjit's Python subset
x = 1
print(f"{x}")
