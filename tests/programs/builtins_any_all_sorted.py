print(any([]), any([0, 0, 1]), all([]), all([1, 0]), any("") , all("abc"), any([x > 3 for x in range(5)]))
print(any({0: 1}), all({1: 0}), any(range(0)), all(range(1, 5)), any([[], (), "", 0.0]), all([[1], (1,), "x", 1.5]))
print(sorted([3, 1, 2]), sorted("bca"), sorted([3, 1, 2], reverse=True), sorted((2.5, -1, 10**20, True)), sorted({"b": 1, "a": 2}), sorted([]))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(pairs), sorted(pairs, reverse=True), sorted(pairs, key=None))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words), sorted(words, reverse=True), words)
print(sorted([float("nan"), 1.0, 0.5]), sorted(["b", "B", "a", "é", "A"]))
ok = 0
for n in range(200):
    data = [(i * 7919 + n) % 101 for i in range(n % 17)]
    s = sorted(data)
    if all([s[i] <= s[i + 1] for i in range(len(s) - 1)]) and sorted(data, reverse=True) == s[::-1]:
        ok += 1
print(ok)
