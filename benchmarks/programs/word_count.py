# Word counting and memoized dynamic programming over dicts (Level 2a): a
# text made of a small vocabulary is counted word by word with get/set,
# grouped with setdefault, and a memo dict keyed by tuples answers a
# lattice-path recurrence.
def make_text(n):
    vocab = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
             "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"]
    words = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        words.append(vocab[x // 65536 % 16] + str(x // 4096 % 7))
    return " ".join(words)


def count(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def group(counts):
    by_first = {}
    for word, n in counts.items():
        by_first.setdefault(word[0], []).append(n)
    return {k: sum(v) for k, v in by_first.items()}


def paths(r, c, memo):
    if r == 0 or c == 0:
        return 1
    key = (r, c)
    if key in memo:
        return memo[key]
    v = paths(r - 1, c, memo) + paths(r, c - 1, memo)
    memo[key] = v
    return v


text = make_text(60000)
total = 0
for rep in range(32):
    counts = count(text)
    groups = group(counts)
    total += len(counts) + groups["a"] + paths(60 + rep, 60, {}) % 1000003
print(len(counts), min(counts), max(counts.values()), groups)
print(total)
