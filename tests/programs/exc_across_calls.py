# Exceptions crossing function boundaries: raised deep in a recursion and
# caught at several depths; a handler in the middle of the call chain.
def descend(n, fail_at):
    if n == fail_at:
        raise ValueError("failed at " + str(n))
    return 1 + descend(n + 1, fail_at)

for fail in [0, 1, 5, 50]:
    try:
        descend(0, fail)
    except ValueError as e:
        print(e)

def middle(n):
    try:
        return descend(0, n)
    except ValueError:
        return -n

print([middle(k) for k in range(5)])

def catch_recursion(n):
    return catch_recursion(n + 1)

try:
    catch_recursion(0)
except RecursionError as e:
    print("caught RecursionError:", e)

def after_recursion(n):
    if n == 0:
        return 0
    return 1 + after_recursion(n - 1)
print(after_recursion(500))

def thrower(i):
    if i % 5 == 4:
        raise KeyError(i)
    return i

def driver(n):
    total = 0
    for i in range(n):
        try:
            total += thrower(i)
        except KeyError as e:
            total -= e.args[0]
    return total
print(driver(1000))
