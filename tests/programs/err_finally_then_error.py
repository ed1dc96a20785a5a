# finally runs on the way out of an uncaught exception.
def work(n):
    total = 0
    for i in range(n):
        try:
            total += 10 // (n - 1 - i)
        finally:
            if i == n - 1:
                print("finally at the end", total)
    return total
print(work(5))
