# refused: 3:7: f-string: empty expression not allowed
x = 1
print(f"{ }")
