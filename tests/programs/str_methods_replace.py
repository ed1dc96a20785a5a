s = "one fish two fish red fish blue fish"
print(s.replace("fish", "bird"))
print(s.replace("fish", "bird", 2))
print(s.replace("fish", "", 1))
print(s.replace("", "-", 5))
print("abc".replace("", "|"), "".replace("", "x"), "".replace("a", "b"), "aaaa".replace("aa", "b"), "héé".replace("é", "e"))
print(s.replace("fish", "bird", 0), s.replace("fish", "bird", -1), s.replace("zzz", "y"))
text = "a"
for i in range(12):
    text = text.replace("a", "ab", 1) + "a"
print(text, len(text))
