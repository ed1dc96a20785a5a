# Integer arithmetic in nested loops: trial-division prime counting and a
# sum of squares. Stresses int guards, compares and branches.
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


print(sum_of_squares(3000000))
print(count_primes(150000))
