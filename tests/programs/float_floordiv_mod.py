# float // and % take the sign of the divisor, as CPython does.
vals = [7.5, -7.5, 0.0, -0.0, 1e300, -1e-300, 5.0, 3.0]
divs = [2.0, -2.0, 0.3, -0.3, 1e-300, float("inf"), -float("inf")]
for a in vals:
    for b in divs:
        print(a, b, a // b, a % b)
print(7 // 2.0, -7 // 2.0, 7 % -2.0, -7 % 2.0, 7.0 // -2, 7.0 % -2)
