# refused: 3:12: '%' formatting of str is not supported by pyjit's Python subset (CPython has it)
n = 3
print("x", "%d" % n)
