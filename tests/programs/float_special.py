# inf and nan flow through arithmetic and comparisons.
inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf, inf * 0, -inf, inf / 1e308, 1 / inf, inf // 1)
print(nan == nan, nan != nan, nan < 1, nan > 1, nan == 1, 1 < inf, -inf < -1e308)
print(max(1.0, 2.0), min(-0.0, 0.0), max(0.0, -0.0), abs(-0.0), -(0.0))
print(float("-inf"), float("  Infinity "), float("-nan"), float("1e500"), float("-1e-500"))
print(int(2.9), int(-2.9), int(-0.0), float(7), float(True), float("12.5"))
