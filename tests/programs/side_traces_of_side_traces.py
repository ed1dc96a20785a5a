# Loop bodies with several independent branches that each go both ways:
# the loop's trace gets side traces, and those get side traces of their own
# where they leave at a later branch (down to a few levels), so every
# combination of ways runs compiled. Then kinds change under the nested
# side traces, a break leaves from one, and an error is raised in one.
def branchy(n, scale):
    a = 0
    b = 0
    c = 0
    for i in range(n):
        if i % 2 == 0:
            a += scale
        else:
            a -= 1
        if i % 3 == 0:
            b += i
        else:
            b -= scale
        if i % 5 == 0:
            c += 2
        elif i % 7 == 0:
            c -= 3
        if i > n - 3 and c > 10 ** 9:
            break
    return a, b, c


print(branchy(5000, 1))
print(branchy(5000, 0.5))
print(branchy(3000, 10 ** 20))


def classify(xs):
    small = 0
    odd = 0
    big = 0
    for x in xs:
        if x < 10:
            small += 1
        if x % 2:
            odd += x
        if x > 90:
            big += 1
            if big > 400:
                break
    return small, odd, big


data = [(i * 37) % 101 for i in range(3000)]
print(classify(data))
print(classify(data + [95] * 500))


def tally(n, d):
    t = 0
    i = 0
    while i < n:
        if i % 4 == 1:
            t += 1
        if i % 6 == 5:
            t += 10 // d
        if i % 9 == 0:
            t -= 1
        i += 1
    return t


print(tally(2000, 2))
print(tally(2000, 0))
