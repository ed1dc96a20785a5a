# A PEP 263 declaration on the second line.
# -*- coding: latin-1 -*-
s = "café µ"
print(s, len(s))
