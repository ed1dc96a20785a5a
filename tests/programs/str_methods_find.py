s = "banana bandana"
for sub in ["an", "ban", "x", "", "a", "nab", "bandana"]:
    print(sub, s.find(sub), s.count(sub), s.find(sub, 3), s.count(sub, 3), s.find(sub, 2, 9), s.count(sub, 2, 9), s.find(sub, -5), s.count(sub, -7, -1))
print(s.find("", 14), s.find("", 15), s.count("", 14), s.count("", 15), s.find("a", 100), s.find("a", None, None))
print("héllo wörld".find("ö"), "héllo wörld".count("l"), "héllo wörld".find("l", 4))
hits = 0
for i in range(500):
    t = "x" * (i % 7) + "needle" + "y" * (i % 5)
    hits += t.find("needle") + t.count("y")
print(hits)
print(s.find("a", 2**70), s.count("a", -2**70), s.find("a", True))
