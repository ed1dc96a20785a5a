# A loop whose calls and builtins come from globals that something rebinds
# part way through: the loop body's re-checks of a global may go only
# while nothing in the loop can rebind it (ir/loop_globals.h).
def double(x):
    return x * 2


def triple(x):
    return x * 3


def my_abs(x):
    return -1


def rebind_on_a_rare_branch(n):
    global double
    t = 0
    for i in range(n):
        t = t + double(i)
        if i == n - 7:
            double = triple
    double = globals_reset()
    return t


def globals_reset():
    return triple if False else double_again


def double_again(x):
    return x * 2


def shadow_a_builtin(n):
    global abs
    t = 0
    for i in range(n):
        t = t + abs(i - 50)
        if i == 300:
            abs = my_abs
    return t


def rebind_in_a_call(n):
    t = 0
    for i in range(n):
        t = t + double(i)
        if i % 97 == 0:
            swap_double()
    return t


swaps = 0


def swap_double():
    global double, swaps
    swaps = swaps + 1
    if swaps % 2 == 1:
        double = triple
    else:
        double = double_again


current = triple


def store_every_iteration(n):
    global current
    t = 0
    for i in range(n):
        t = t + current(i)
        if i % 3 == 0:
            current = double_again
        else:
            current = triple
    return t


print(rebind_on_a_rare_branch(500))
print(double(5))
print(shadow_a_builtin(600))
print(rebind_in_a_call(1000))
print(double(5))
print(store_every_iteration(400))
