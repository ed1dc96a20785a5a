# A loop whose branch goes one way for the first half and the other way
# after: the trace recorded early keeps failing its branch guard, so the
# policy must give that exit a side trace (or drop and retrace the loop).


def flips(n):
    total = 0
    i = 0
    while i < n:
        if i < n // 2:
            total += i
        else:
            total -= 3
        i += 1
    return total


def flips_type(n):
    x = 0
    for i in range(n):
        if i == n // 2:
            x = float(x)
        x = x + 1
    return x


print(flips(20000))
print(flips_type(20000))
