s = ""
for i in range(20):
    s = s + str(i % 10)
print(s, len(s))
words = ["alpha", "beta", "gamma"]
out = ""
for w in words:
    if out != "":
        out += ","
    out += w
print(out)
print("=" * 10)
