# Floor division and modulo round toward negative infinity for big ints too.
vals = [10**20, -10**20, 2**64 + 3, -(2**64) - 3, 7, -7, 2**63, -2**63]
divs = [3, -3, 2**64, -(2**64), 10**19 + 7, -1]
for a in vals:
    for b in divs:
        print(a, b, a // b, a % b, (a // b) * b + a % b == a)
