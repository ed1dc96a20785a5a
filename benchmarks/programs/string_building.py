# Strings built by appending (`s = s + t`, `s += t`), which CPython 3.11 does
# in place when nothing else refers to `s`; quadratic without an equivalent.
def build(n):
    s = ""
    for i in range(n):
        s = s + "ab"
        if i % 7 == 0:
            s += str(i)
    return s


def lines(n):
    out = ""
    for i in range(n):
        line = "row " + str(i) + ": " + str(i * i % 97)
        out += line
        out += "\n"
    return out


total = 0
for k in range(10):
    total += len(build(100000))
    total += len(lines(30000))
print(total)
print(build(20)[:40])
