# upper/lower with full case mapping and the final sigma, in a loop.
words = ["hello", "WORLD", "MiXeD", "straße", "ΟΔΟΣ", "ΣΑΣ Σ", "İstanbul", "ﬁne", "", "123abc", "ǅ"]
for w in words:
    print(repr(w.upper()), repr(w.lower()), len(w.upper()), len(w.lower()))
total = 0
for i in range(200):
    s = "Item" + str(i)
    total += len(s.upper()) + len(s.lower())
    if s.lower() == "item150":
        print("found", s, s.upper())
print(total)
