s = "hello"
print(s[-1], s[0])
print(s[5])
