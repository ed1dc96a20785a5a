# Loops whose first iteration proves things that later iterations may or
# may not keep: the peeled body may drop only what every iteration keeps.


def swap_each_round(n):
    # a and b trade an int and a float every iteration: neither is known
    # at the loop's top, although each is typed in every single iteration.
    a, b = 1, 2.5
    total = 0.0
    for i in range(n):
        total = total + a * 2
        a, b = b, a
    return total, a, b


def turns_float_late(n):
    x = 0
    for i in range(n):
        x = x + 3
        if i == n - 5:
            x = x * 0.5
    return x


def from_a_list(items):
    # each round's value comes from the list: its type is checked every time
    total = 0
    for v in items:
        total = total + v
    return total


def bound_on_one_path(n):
    seen = 0
    for i in range(n):
        if i % 7 == 3:
            last = i
        seen = seen + 1
    return seen, last


def while_counter(n):
    i = 0
    s = 0
    while i < n:
        s = s + i * i
        i = i + 1
    return s


def overflow_late(n):
    x = 1
    for i in range(n):
        x = x * 3
    return x


print(swap_each_round(101))
print(turns_float_late(200))
print(from_a_list([1, 2, 3] * 40 + [1.5, 2]))
print(from_a_list([1, 2, 3] * 40 + [10 ** 30]))
print(bound_on_one_path(100))
print(while_counter(1000))
print(overflow_late(100))
