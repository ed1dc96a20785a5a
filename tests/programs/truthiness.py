# What counts as false.
for v in [0, 1, -1, 0.0, -0.0, 0.5, "", "a", [], [0], (), (0,), None, True, False,
          range(0), range(3), 2**100, float("nan")]:
    print(bool(v), not v, 1 if v else 2)
print(0 or "x", 1 and "y", [] or [] or 0, "" and 1, None or False)
