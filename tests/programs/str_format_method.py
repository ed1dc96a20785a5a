print("{} and {}".format("x", 2.5), "{0}{1}{0}".format("ab", "cd"), "{{}}".format(), "{{{0}}}".format(7))
print("{:>10}|{:<10}|{:^10}".format("a", "b", "c"), "{:,}".format(1234567), "{:.3f} {:e} {:g}".format(3.14159, 1234.5, 0.00001))
print("{!s} {!r} {!a}".format("é", "é", "é"), "{0[0][1]}".format([[1, 2]]), "{:%}".format(0.25), "{0:{1}.{2}f}".format(3.14159, 8, 2))
print("x{}y".format(None), "{:5}".format(True), "{}".format(True), "{0!r:^9}".format([1, "a"]), "{:*^{}}".format("mid", 11))
print("{0[1]}".format("abc"), "{0[1]}".format([5, 6]), "{}".format(2**100))
template = "{:>4}: {:<6} {:6.2f}"
out = []
for i in range(50):
    out.append(template.format(i, "n" * (i % 4), i / 3))
print(out[0])
print(out[49])
print(sum([len(x) for x in out]))
