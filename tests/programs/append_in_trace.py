# list.append in hot loops runs without a method call in traces: its value
# is still None, it appends to the list it is called on (aliases see it),
# and a non-list leaves the trace where tier 1 reports the error.
xs = []
ys = xs
seen_none = 0
for i in range(3000):
    r = xs.append(i * 2)
    if r is None:
        seen_none += 1
    if i % 1000 == 999:
        xs = [len(xs)]
print(len(xs), len(ys), xs[:3], ys[-2:], seen_none)

rows = [[] for _ in range(4)]
for i in range(2000):
    rows[i % 4].append(rows[(i + 1) % 4])
print([len(r) for r in rows], rows[0][0] is rows[1])
