squares = {i: i * i for i in range(12)}
print(squares)
odd = {k: v for k, v in squares.items() if k % 2}
print(odd)
inverted = {v: k for k, v in odd.items()}
print(inverted)
pairs = {(i, j): i * j for i in range(4) for j in range(3) if i != j}
print(pairs)
lengths = {w: len(w) for w in "alpha beta gamma delta".split()}
print(lengths, {w: n for w, n in lengths.items() if n > 4})
dup = {i % 3: i for i in range(10)}
print(dup)
i = "unchanged"
z = {i: i for i in range(3)}
print(i, z)
def build(n):
    return {str(k): [k] * (k % 3) for k in range(n)}
for n in range(5):
    print(build(n))
