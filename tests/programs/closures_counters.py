# Closures: nested functions share variables with the function that binds
# them through cells; nonlocal rebinds them; each call makes new cells.
def make_counter(start=0, step=1):
    count = start
    def inc():
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get

inc_a, get_a = make_counter()
inc_b, get_b = make_counter(100, 5)
for i in range(3):
    inc_a()
print(get_a(), inc_b(), inc_b(), get_b(), get_a())

def accumulate(values):
    total = 0
    largest = None
    def add(v):
        nonlocal total, largest
        total += v
        if largest is None or v > largest:
            largest = v
    for v in values:
        add(v)
    return total, largest
print(accumulate([3, 9, -2, 7]))
print(accumulate(range(2000)))

def three_levels():
    a = 1
    def second():
        b = 10
        def third():
            nonlocal a
            a += b
            return a
        return third
    t = second()
    t()
    t()
    return a
print(three_levels())

def param_captured(x, y=2):
    def product():
        return x * y
    x += 1
    return product()
print(param_captured(3), param_captured(3, 4))

def loop_capture():
    funcs = []
    for i in range(3):
        def show(i=i):
            return i * 10
        funcs.append(show)
    late = []
    for j in range(3):
        late.append(lambda: j)
    return [f() for f in funcs], [f() for f in late]
print(loop_capture())

def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper

def slow_square(n):
    return n * n
fast = memoize(slow_square)
print(fast(12), fast(12), fast(3))

def fib_maker():
    memo = {0: 0, 1: 1}
    def fib(n):
        if n in memo:
            return memo[n]
        r = fib(n - 1) + fib(n - 2)
        memo[n] = r
        return r
    return fib
print(fib_maker()(90))

def shadow():
    x = "outer"
    def inner():
        x = "inner"
        return x
    return inner(), x
print(shadow())

g = "global"
def reads_global():
    def inner():
        return g
    return inner()
print(reads_global())
