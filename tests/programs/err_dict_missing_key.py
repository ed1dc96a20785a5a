d = {"a": 1}
for k in ["a", "b"]:
    print(d[k])
