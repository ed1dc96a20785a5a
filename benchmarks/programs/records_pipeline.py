# Records parsed from text with exceptions for the malformed ones, indexed
# in dicts and sets, aggregated through closures, generator expressions and
# sorted(key=...): the Level 2a features together, as a data-cleaning
# script would use them.
def make_lines(n):
    cities = ["Oslo", "Lima", "Pune", "Kiel", "Graz", "Nice", "Bern", "Cork"]
    lines = []
    for i in range(n):
        city = cities[(i * 7) % len(cities)]
        if i % 97 == 13:
            lines.append("%d;%s;;broken" % (i, city))
        elif i % 89 == 5:
            lines.append("%d;%s;%d" % (i, city, i % 50))
        else:
            lines.append("%d;%s;%d;%d.%02d" % (i, city, i % 50, (i * 37) % 1000, i % 100))
    return lines


class_counts = {}


def parse(line):
    fields = line.split(";")
    if len(fields) != 4:
        raise ValueError("expected 4 fields, got %d" % len(fields))
    ident, city, age, amount = fields
    return int(ident), city, int(age), float(amount)


def make_accumulator():
    totals = {}
    counts = {}

    def add(key, value):
        totals[key] = totals.get(key, 0.0) + value
        counts[key] = counts.get(key, 0) + 1

    def mean(key):
        return totals[key] / counts[key]

    return add, mean, totals


def run(n):
    add, mean, totals = make_accumulator()
    errors = {}
    ages = set()
    for line in make_lines(n):
        try:
            ident, city, age, amount = parse(line)
        except ValueError as e:
            kind = str(e).split(",")[0].split(":")[0]
            errors[kind] = errors.get(kind, 0) + 1
            continue
        add(city, amount)
        ages.add(age)
    ranked = sorted(totals, key=lambda c: (-round(mean(c), 2), c))
    big = sum(1 for c in ranked if mean(c) > 495.0)
    report = ", ".join(f"{c}={mean(c):.2f}" for c in ranked[:3])
    return report, big, sorted(errors.items()), len(ages), max(ages)


for rounds in range(3):
    result = run(60000)
print(result)
