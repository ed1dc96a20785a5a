# refused: 3:7: f-string expression part cannot include '#'
x = 1
print(f"{x#}")
