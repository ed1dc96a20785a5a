for i in range(3):
    print(i)
for i in range(2, 5):
    print(i, end=" ")
print()
for i in range(10, 0, -3):
    print(i, end=" ")
print()
for x in [1.5, "a", None]:
    print(x)
for c in "abc":
    print(c, end="")
print()
for i in range(5):
    if i == 1:
        continue
    if i == 3:
        break
    print("loop", i)
else:
    print("not printed")
for i in range(2):
    pass
else:
    print("else ran", i)
for i in range(0):
    print("never")
print(list(range(5)), list(range(-3, 3)), list(range(5, 0, -2)))
