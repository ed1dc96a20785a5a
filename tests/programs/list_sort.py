# sort without a key, on ints, floats, strings, tuples, and mixed numbers.
for l in [[5, 3, 9, 1], [2.5, -1, 3, 0.0, -0.0], ["pear", "apple", "fig"], [(2, "b"), (1, "z"), (2, "a")],
          [], [1], [3, 3, 1, 1], [2**70, -5, 2**64, 1.5]]:
    l.sort()
    print(l)
x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
x.reverse()
print(x)
