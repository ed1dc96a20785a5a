# Exceptions raised and caught inside hot loops: the loops run as traces,
# an exception leaves the trace and tier 1 unwinds to the handler with the
# locals as the interpreter would have them.
def lookup(d, keys):
    hits = 0
    misses = 0
    total = 0.5
    for k in keys:
        hits += 1
        try:
            total += d[k]
            total *= 1.0
        except KeyError as e:
            misses += 1
            hits -= 1
            total -= e.args[0] % 7
    return hits, misses, total

d = {}
for i in range(200):
    d[i * 3] = i
print(lookup(d, list(range(600))))

def safe_div(xs, ys):
    out = 0
    i = 0
    while i < len(xs):
        try:
            out += xs[i] // ys[i]
        except ZeroDivisionError:
            out -= 1
        except IndexError:
            out += 1000
        i += 1
    return out
print(safe_div(list(range(400)), [0, 1, 2, 3, 0] * 70))

def parse_all(words):
    total = 0
    bad = []
    for w in words:
        try:
            total += int(w)
        except ValueError:
            bad.append(w)
    return total, len(bad), bad[:3]
print(parse_all(["1", "22", "x", "333", "-4", "y7"] * 100))

def check(n):
    if n % 11 == 10:
        raise RuntimeError("eleven " + str(n))
    return n

def calls(n):
    s = 0
    last = ""
    for i in range(n):
        s += i
        try:
            s += check(i)
        except RuntimeError as e:
            last = str(e)
        finally:
            s += 1
    return s, last
print(calls(1000))

def nested_loops(n):
    grid = [[j - i for j in range(10)] for i in range(10)]
    acc = 0
    for r in range(n):
        for row in grid:
            for v in row:
                try:
                    acc += 100 // v
                except ZeroDivisionError:
                    acc += r
    return acc
print(nested_loops(30))

pos = 0
found = []
text = "a,b,,c,d,,,e" * 20
while True:
    try:
        nxt = text.find(",", pos)
        if nxt < 0:
            raise StopIteration
        found.append(text[pos:nxt])
        pos = nxt + 1
    except StopIteration:
        break
print(len(found), found[:6])
