d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], "b" in d, "z" in d, "z" not in d, d.get("z"), d.get("z", 0), d.get("a", 0))
del d["b"]
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items(), len(d.items()), "a" in d.keys(), 3 in d.values(), ("c", 3) in d.items(), ("c", 4) in d.items())
d["b"] = 20
print(d)
d["a"] = 100
print(d)
print({}, dict(), dict([(1, 2), (3, 4)]), dict(d), dict(x=1, y=2), {True: "t", 1: "one", 1.0: "f"})
print(bool({}), bool(d), {1: 2} == {1: 2.0}, {} == {}, {1: 2} != {1: 3}, {1: 2, 3: 4} == {3: 4, 1: 2}, {1: [1]} == {1: [1]})
e = {}
print(e.setdefault("k", []), e)
e.setdefault("k", []).append(5)
print(e, e.pop("k"), e, e.pop("gone", None))
e.update({1: "x"})
e.update([(2, "y"), (1, "z")])
e.update(dict(q=0))
print(e, e.copy(), e.copy() is e)
e.clear()
print(e, len(e))
