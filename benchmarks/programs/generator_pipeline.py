# Lazy pipelines: generators feeding generators, map and filter with
# lambdas, any/all and sum over generator expressions, a closure-based
# memo, and sets of small ints: the iteration protocol across tiers.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def collatz_steps():
    memo = {1: 0}

    def steps(n):
        path = []
        while n not in memo:
            path.append(n)
            n = n // 2 if n % 2 == 0 else 3 * n + 1
        base = memo[n]
        for k in reversed(path):
            base += 1
            memo[k] = base
        return memo[path[0]] if path else base

    return steps


def windows(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            buf.pop(0)


steps = collatz_steps()
evens = filter(lambda v: v % 2 == 0, numbers(400000))
lengths = map(steps, (v + 1 for v in evens))
total = sum(lengths)
longest = max(range(1, 30001), key=steps)
rising = sum(1 for w in windows(map(steps, (v + 1 for v in numbers(200000))), 3) if w[0] < w[1] < w[2])
residues = {steps(v) % 16 for v in range(1, 5000)}
print(total, longest, steps(longest), rising, sorted(residues))
print(any(steps(v + 1) > 300 for v in numbers(100000)), all(steps(v + 1) >= 0 for v in numbers(100000)))
