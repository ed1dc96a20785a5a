# str(), len() and indexing of strings, and str conversions of values.
s = "héllo wörld"
print(len(s), s[1], s[-1], s[2:5], s[::-1], s[::2])
print(str(1.0), str(-0.0), str(10**20), str([1, "a"]), str((1, "a")), str(None), str(True))
print("a" * 3, 3 * "ab", "" * 5, "x" + str(5) + str(2.5))
print("ab" < "b", "abc" == "abc", "a" in "cat", "" in "x", "dog" not in "cat")
for ch in "héllo":
    print(ch, end="|")
print()
