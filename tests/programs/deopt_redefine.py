# A function redefined while a loop that calls it runs in a trace.
def step(x):
    return x + 1

total = 0
for i in range(300):
    total = step(total)
    if i == 150:
        def step(x):
            return x + 1000
print(total)

def twice(v):
    return v * 2

acc = []
for j in range(50):
    acc.append(twice(j))
    if j == 25:
        twice = abs
        acc = [acc]
print(acc)
