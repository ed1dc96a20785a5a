# Strings built by appending share a buffer; no string already made may
# change when a later one is appended to, or when two strings extend one.
def build():
    t = ""
    keep = []
    for i in range(2000):
        t = t + str(i)
        if i % 100 == 0:
            keep.append(t)
    u = keep[3] + "X"
    v = keep[3] + "Y"
    w = u + "Z"
    print(len(t), u[-6:], v[-6:], w[-6:], keep[3][-5:], keep[19][:12], len(keep[19]))
    print(u == keep[3] + "X", v < u, keep[3] in w, t[-4:], keep[0])
    s = ""
    for i in range(100000):
        s = s + "ab"
        s += "c"
    print(len(s), s[:7], s[-7:], s.count("abc") if False else s[1000:1006])
build()
