# Matrix multiplication on lists of lists: nested loops, list reads.
def make(n, seed):
    m = []
    x = seed
    for i in range(n):
        row = []
        for j in range(n):
            x = (x * 1103515245 + 12345) % 2147483648
            row.append(x % 100)
        m.append(row)
    return m


def matmul(a, b, n):
    c = [[0] * n for _ in range(n)]
    for i in range(n):
        ai = a[i]
        ci = c[i]
        for k in range(n):
            aik = ai[k]
            bk = b[k]
            for j in range(n):
                ci[j] += aik * bk[j]
    return c


n = 200
a = make(n, 1)
b = make(n, 2)
c = matmul(a, b, n)
print(sum([sum(row) for row in c]), c[0][0], c[n - 1][n - 1])
