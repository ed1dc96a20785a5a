# Recursion: naive Fibonacci. Every call is a Python call; no loop to trace.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(33))
