# Lists built and consumed: append, pop, comprehensions, slices, sort.
def churn(n):
    stack = []
    total = 0
    for i in range(n):
        stack.append(i * 3 % 101)
        if len(stack) > 50:
            total += stack.pop()
            total += stack.pop(0)
    return total


def comprehensions(n):
    total = 0
    for k in range(n):
        squares = [x * x for x in range(40) if x % 3 != k % 3]
        total += sum(squares[5:25])
    return total


def sorting(n):
    data = [(i * 7919) % 10007 for i in range(n)]
    data.sort()
    return data[0] + data[len(data) // 2] + data[-1]


print(churn(1600000))
print(comprehensions(80000))
print(sorting(800000))
