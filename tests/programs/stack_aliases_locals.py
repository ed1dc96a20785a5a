def fib(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a

def rot(n):
    x, y, z = 1, 2, 3
    for i in range(n):
        x, y, z = z, x, y + i
    return x * 100 + y * 10 + z

def shadow(n):
    t = 0
    s = 0
    for i in range(n):
        s = s + (t - i) * 2
        t = s
    return s

def inl(a, b):
    a, b = b, a
    return a - b

def calls(n):
    r = 0
    for i in range(n):
        r = r + inl(i, r % 7)
    return r

print(fib(90), rot(50), shadow(30), calls(100))
