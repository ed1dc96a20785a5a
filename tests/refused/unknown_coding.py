# refused: 2:1: encoding problem: no-such-codec
# coding: no-such-codec
print(1)
