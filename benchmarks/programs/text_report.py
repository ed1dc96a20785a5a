# Text processing and formatting (Level 2a strings): records parsed with
# split and strip, normalized with lower/replace, and printed back through
# f-strings with format specs, % formatting and str.format, padded columns.
def make_records(n):
    lines = []
    for i in range(n):
        name = "  User_%d  " % (i * 7919 % 10007)
        city = ["Paris", "OSLO", "lima", "Kyoto", "Cairo"][i % 5]
        lines.append(f"{name};{city}; {i * 37 % 1000 / 8:.3f} ;{i % 97}")
    return lines


def parse(line):
    fields = line.split(";")
    return (fields[0].strip().lower().replace("_", "-"), fields[1].strip().upper(),
            float(fields[2].strip()), int(fields[3]))


def render(record, index):
    name, city, score, age = record
    left = f"{index:>6} | {name:<12} | {city:^7}"
    middle = "%8.2f | %3d" % (score, age)
    right = "{:>+9.1%} {:#06x}".format(score / 125, age)
    return left + " | " + middle + " | " + right


def checksum(text):
    total = 0
    for word in text.split():
        if word.isdigit():
            total += int(word)
        elif word.startswith("user-"):
            total += len(word) + word.count("1")
    return total


lines = make_records(2000)
total = 0
sample = ""
for rep in range(24):
    out = []
    for index in range(len(lines)):
        out.append(render(parse(lines[index]), index))
    report = "\n".join(out)
    total += checksum(report) + report.find("KYOTO") + len(report)
    sample = out[rep * 51]
print(sample)
print(total)
