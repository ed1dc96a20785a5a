# refused: 3:7: f-string: expressions nested too deeply
x = 1
print(f"{x:{x:{x}}}")
