print(float(" 1e5 "))
print(float("abc"))
