# refused: 3:7: f-string expression part cannot include a backslash
x = 1
print(f"{'\\n'}")
