print(int(-0.5))
print(int(float("nan")))
