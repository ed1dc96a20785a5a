d = {"x": 1}
del d["y"]
