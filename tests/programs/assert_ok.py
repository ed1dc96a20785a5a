x = 5
assert x == 5
assert x > 0, "positive"
print("asserts passed")
