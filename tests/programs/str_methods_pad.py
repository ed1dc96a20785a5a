for w in ["a", "ab", "abc", "abcd", "é", ""]:
    for width in [0, 3, 4, 7]:
        print("[" + w.ljust(width) + "]", "[" + w.rjust(width, "*") + "]", "[" + w.center(width) + "]", "[" + w.center(width, "é") + "]")
for n in ["42", "-42", "+7", "", "abc", "-", "0"]:
    print(n.zfill(5), n.zfill(1), n.zfill(-3))
rows = []
for i in range(100):
    rows.append(str(i).rjust(4) + "|" + str(i * i).ljust(6) + "|" + str(i).zfill(3).center(7, "."))
print(rows[0])
print(rows[99])
print(len("".join(rows)))
