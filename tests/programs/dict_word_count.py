text = """It was the best of times it was the worst of times it was the age of wisdom
it was the age of foolishness it was the epoch of belief it was the epoch of incredulity"""
counts = {}
for word in text.lower().split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
by_len = {}
for word in counts:
    by_len.setdefault(len(word), []).append(word)
print(by_len)
total = 0
for word, n in counts.items():
    total += n * len(word)
print(total, len(counts), max(counts.values()), sum(counts.values()))
top = []
for word in counts:
    if counts[word] >= 4:
        top.append(f"{word}={counts[word]}")
print(", ".join(top))
for i in range(3000):
    key = "k" + str(i % 50)
    counts[key] = counts.get(key, 0) + i
print(len(counts), counts["k7"], counts["k49"])
