def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for v in [-5, 0, 3, 42]:
    print(v, classify(v))
x = 5
print("big" if x > 3 else "small", "odd" if x % 2 else "even")
if x: print("one-line if")
if [] : print("no")
else: print("empty list is falsy")
y = 1 if x > 10 else 2 if x > 4 else 3
print(y)
