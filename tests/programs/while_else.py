# while/else and for/else with break.
def find(xs, target):
    i = 0
    while i < len(xs):
        if xs[i] == target:
            print("found at", i)
            break
        i += 1
    else:
        print("not found")
    for x in xs:
        if x > 100:
            break
    else:
        print("all small")

find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([500], 500)
n = 0
while n < 3:
    n += 1
else:
    print("done", n)
