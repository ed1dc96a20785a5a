text = "the quick  brown fox\tjumps over\nthe lazy dog"
print(text.split())
print(text.split(" "))
print(text.split(None, 2))
print(text.split(" ", 1))
print("a,b,,c,".split(","), ",".split(","), "".split(","), "".split(), "   ".split())
print("a--b--c".split("--"), "a--b--c".split("--", 0), "a--b--c".split("--", -1))
print("  lead and trail  ".split(None, 1))
print("-".join(["x", "y"]), "".join(["a", "b", "c"]), ", ".join(("p", "q")), "+".join("xyz"), "|".join([]))
counts = 0
for i in range(300):
    parts = ("k%d=v%d;" % (i, i * 2)).split("=")
    counts += len(parts[1].split(";"))
    joined = ":".join(parts)
    if i % 100 == 0:
        print(parts, joined)
print(counts)
words = []
for w in "one two three four five six".split():
    words.append(w.upper())
print(" ".join(words))
