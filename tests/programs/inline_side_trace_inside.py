# A loop whose inlined callee branches both ways: the exit inside the call
# gets a side trace that starts inside it, on the trace's own stack.
def sign(x):
    if x < 0:
        return -1
    return 1


def weigh(x):
    return sign(x) * 10 + x


total = 0
for i in range(3000):
    total += weigh(i % 7 - 3)
print(total)
