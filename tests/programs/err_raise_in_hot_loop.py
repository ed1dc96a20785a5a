# An uncaught exception raised from a hot loop, through a call.
def check(i):
    if i == 700:
        raise OverflowError("too far: " + str(i))
    return i % 3

total = 0
for i in range(1000):
    try:
        total += check(i)
    except ZeroDivisionError:
        total = 0
    print(total) if i % 100 == 0 else None
