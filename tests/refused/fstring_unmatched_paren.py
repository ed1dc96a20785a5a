# refused: 3:7: f-string: unmatched ')'
x = 1
print(f"{x)}")
