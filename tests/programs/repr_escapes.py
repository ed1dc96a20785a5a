# repr() of strings escapes what str.isprintable() rejects, as CPython does.
print(["a\u2028b", "\x00\x7f\x85\xa0", "\u00e9\U0001f600", "\U000e0001\u200b\ufeff"])
print(["tab\there", "quote'", 'both\'"', "\\", "\u3000 \u2003", "\ud7ff\ue000"])
t = ([],)
t[0].append(t)
print(t)
l = []
l.append((l,))
l.append(l)
print(l)
