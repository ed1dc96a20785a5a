# A small report: split, strip, formatting and padding together, in functions.
data = """
  alice, 34, 1200.50
  bob,   27,  880.00
  carol, 45, 15000.25
  dave,  19,    5.75
"""

def parse(text):
    rows = []
    for line in text.strip().split("\n"):
        fields = [f.strip() for f in line.split(",")]
        rows.append((fields[0], int(fields[1]), float(fields[2])))
    return rows

def render(rows):
    out = []
    out.append("%-8s %4s %10s" % ("name", "age", "balance"))
    out.append("-" * 24)
    for name, age, balance in rows:
        out.append(f"{name.upper():<8} {age:>4} {balance:>10,.2f}")
    return "\n".join(out)

rows = parse(data)
print(render(rows))
total = 0.0
for r in rows:
    total += r[2]
print("total: {:,.2f}".format(total))
for i in range(100):
    rows = parse(data)
print(len(render(rows)))
