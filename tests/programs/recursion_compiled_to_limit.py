# Recursion that runs compiled: fib gets hot long before the counts below
# finish, and a depth close to the limit still works.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def count_down(n, acc):
    if n <= 0:
        return acc
    return count_down(n - 1, acc + n % 7)


print(fib(22))
print(depth(990))
total = 0
for i in range(200):
    total += depth(i) + count_down(i * 4, 0)
print(total)
print(count_down(985, 0))
