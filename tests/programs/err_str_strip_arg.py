s = "x"
print(s.rstrip(5))
