words = ["alpha", "beta", "gamma"]
for i, w in enumerate(words):
    print(i, w)
for i, w in enumerate(words, 10):
    print(i, w)
print(list(enumerate("ab", 5)), list(enumerate([])), list(enumerate([1], start=2)), list(enumerate(range(3), -2**70)), list(enumerate("xy", True)))
print(list(zip()), list(zip([1, 2], [3])), list(zip("ab", range(5), [True])), list(zip({1: 2, 3: 4}, "xyz")))
names = ["a", "b", "c"]
ages = [30, 40, 50]
for n, a in zip(names, ages):
    print(f"{n}:{a}")
print(dict(zip(names, ages)), {k: v for k, v in zip(names, range(3))})
print(list(reversed([1, 2, 3])), list(reversed(range(1, 10, 3))), list(reversed("héllo")), list(reversed((1, 2))), list(reversed(range(0))), list(reversed(range(10, 0, -3))), "".join(reversed("stressed")))
total = 0
for i, (a, b) in enumerate(zip(range(100), reversed(range(100)))):
    total += i * a - b
print(total)
lst = [1, 2, 3, 4]
r = reversed(lst)
del lst[3]
del lst[2]
print(list(r))
it = enumerate([10, 20])
print(list(it), list(it))
z = zip([1, 2, 3], "ab")
print(list(z), list(z))
for i, row in enumerate([[1, 2], [3, 4]]):
    for j, v in enumerate(reversed(row)):
        print(i, j, v, end=" | ")
print()
