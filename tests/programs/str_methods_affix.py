names = ["test_one.py", "main.py", "README.md", "test_two.txt", "", "t"]
for n in names:
    print(n.startswith("test"), n.endswith(".py"), n.endswith((".md", ".txt")), n.startswith(("t", "R")), n.startswith(""), n.endswith("", 100))
s = "hello world"
print(s.startswith("world", 6), s.startswith("wor", 6, 8), s.endswith("hello", 0, 5), s.endswith("lo", -7, -6), s.startswith("h", -100))
k = 0
for i in range(400):
    w = "item" + str(i)
    if w.startswith("item1") and w.endswith("0"):
        k += 1
print(k)
