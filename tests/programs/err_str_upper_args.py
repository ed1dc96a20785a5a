s = "a"
print(s.upper(1))
