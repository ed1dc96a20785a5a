# len() and abs() run inline in traces, guarded to be those builtins: their
# arguments change kind (list, tuple, str; int, float, big int, bool), abs
# is shadowed by a global half-way, and len() of an int raises.
xs = [1, 2, 3]
s = "h\u00e9llo"
t = 0
for i in range(300):
    t += len(xs) + len(s) + abs(i - 150) + int(abs(-1.5 * i))
    if i == 200:
        xs = (1, 2)
    if i == 250:
        s = [0] * 9
print(t)
u = 0
for i in range(100):
    u += abs(-2 ** 63 + i) % 7 + abs(-0.0 * i) + abs(-i)
    if i > 90:
        u += abs(True)
print(u)


def double_len(v):
    return len(v) * 2


w = 0
for i in range(200):
    w += double_len(xs) + double_len("ab") + abs(i - 100)
    if i == 150:
        def abs(v):
            return 1000
print(w)
print(len(5))
