# a, b = b, a + b and three-name rotations store without a tuple; a
# repeated name or a subscript target keeps the tuple semantics.
def fib(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a
def rot(n):
    x, y, z = 1, 2, 3
    for i in range(n):
        x, y, z = y, z, x + i
    a = 5
    a, a = 1, 2
    p = [1, 2]
    p[0], p[1] = p[1], p[0]
    q, r = [7, 8]
    return x, y, z, a, p, q, r
print(fib(90), rot(1000))
x, y = 1, 2
x, y = y, x
print(x, y)
