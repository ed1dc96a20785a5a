# refused: 3:5: del of anything but an item (del d[k], del a[i]) is not supported by pyjit's Python subset
x = 1
del x
