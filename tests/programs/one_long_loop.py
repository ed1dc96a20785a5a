# One loop entered once and run to its end: a tiered policy can only
# promote its trace if the trace comes out at its back edge now and then.


def run(n):
    acc = 0
    x = 0.5
    for i in range(n):
        acc += i % 13
        x = x * 0.999 + 0.001 * i
    return acc, x


print(run(200000))
