# Empty lists, tuples and strings through every copying operation (an empty
# list has no items array: under --config=ubsan a copy from it was undefined).
a = [] + []
b = [1] + []
c = [] + [2]
d = [] * 3
e = () + ()
f = (1,) + ()
g = []
g += []
g += [1]
h = [] * 0
s = "" + ""
t = "a" + ""
u = []
v = list(range(0))
w = tuple([])
x = [[]] * 2
y = [1, 2] * 0
z = ""[0:0] + "abc"[1:1]
print(a, b, c, d, e, f, g, h, s, t, u, v, w, x, y, z)
