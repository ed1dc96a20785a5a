s = "hello"
t = 'world'
print(s + " " + t)
print(s, t, sep=", ")
print("a", "b", "c", sep="", end="!\n")
print("tab\there", 'quote\'s', "dq\"s", "back\\slash")
print("""triple
quoted""", '''single triple''')
print(r"raw\n", "\x41\u00e9\101", "caf\u00e9")
print(len("hello"), len(""), len("caf\u00e9"))
print("ab" * 3, 2 * "xy", "abc"[1], "abc"[-1])
print("ell" in s, "z" in s, "a" not in s)
print(str(42), str(1.5), str(True), str(None), str([1, "a"]))
print(["a", 'b\'c', "d\"e"], ("x",))
print("con" "cat")
