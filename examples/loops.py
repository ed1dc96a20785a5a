# Integer loops: the kind of code a tracing JIT speeds up most.
def sum_of_squares(n):
    total = 0
    i = 0
    while i < n:
        total += i * i
        i += 1
    return total


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count


print(sum_of_squares(1000000))
print(count_primes(60000))
