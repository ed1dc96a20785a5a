print(sum([1, 2.5]))
print(sum(["a", "b"]))
