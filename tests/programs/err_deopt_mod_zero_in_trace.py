# // and % specialized in a trace; the divisor reaches zero inside it, and
# INT64_MIN // -1 leaves 64 bits on the way.
total = 0
for d in range(50, -5, -1):
    total += 1000003 % d + 1000003 // d
    if d == 1:
        print(total, -9223372036854775808 // -d, (-9223372036854775807 - 1) // -1)
