# refused: 3:7: f-string: single '}' is not allowed
x = 1
print(f"a}b")
