samples = ["  padded  ", "\t\ntabs\n\t", "xxhixx", "", "   ", "\u3000wide\u3000", "abc"]
for s in samples:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
    print(repr(s.strip("x")), repr(s.lstrip("xa")), repr(s.rstrip("cx")), repr(s.strip(None)))
lines = ["  line %d  " % i for i in range(50)]
n = 0
for line in lines:
    n += len(line.strip()) - len(line.rstrip()) + len(line.lstrip())
print(n)
print("éaé".strip("é"), "ééxé".lstrip("é"))
