for i in range(3):
    print("a b".split(" "))
print("a".split(""))
