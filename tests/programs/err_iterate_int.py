for c in "ab":
    print(c)
for x in 5:
    print(x)
