nested = {"x": {"y": {"z": [1, {"w": (2, 3)}]}}, "list": [{"a": 1}, {}], "t": ({},)}
print(nested, nested["x"]["y"]["z"][1]["w"])
r = {}
r["self"] = r
print(r)
l = [r]
print(l, str(r), repr({"q": "it's"}), f"{r!r}", "%s" % {1: 2}, "{}".format({1: 2}))
d = {1: 1}
print(d.keys(), repr(d.values()), str(d.items()), list(d))
