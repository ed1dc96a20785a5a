values = [0, 7, -42, 255, 2**70, True, 3.14159, -0.0, 1e16, 1234567.891, float("inf"), "text", "é"]
specs = ["", "10", "<10", "^10", ">10", "*^9"]
for v in values:
    print("|".join([format(v, s) for s in specs]))
for v in [0, 7, -42, 255, 12345678]:
    print(format(v, "d"), format(v, "+d"), format(v, "x"), format(v, "#X"), format(v, "b"), format(v, "#o"), format(v, ","), format(v, "_x"), format(v, "08d"), format(v, "=+9"))
for v in [0.0, 2.5, -1.25, 1234.5678, 1e-7, 1e22]:
    print(format(v, "f"), format(v, ".2f"), format(v, ".3e"), format(v, "g"), format(v, ".3"), format(v, "%"), format(v, ",.1f"), format(v, "012.3f"), format(v, "z.0f"))
print(format(65, "c"), format(1234, "010,"), format(-1234, "09,"), format(1234.5, "011,.1f"), format("abc", ".2"), format(None), format([1, 2]))
