# Floor division and modulo for every sign combination.
for a in [7, -7, 6, -6, 0, 1, -1, 9223372036854775807, -9223372036854775808]:
    for b in [2, -2, 3, -3, 1, -1, 7]:
        print(a, b, a // b, a % b)
