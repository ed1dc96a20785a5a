d = {}
d.pop("nothing")
