def matmul(a, b, n):
    c = []
    for i in range(n):
        row = [0.0] * n
        for j in range(n):
            s = 0.0
            for k in range(n):
                s += a[i][k] * b[k][j]
            row[j] = s
        c.append(row)
    return c

n = 6
a = []
b = []
for i in range(n):
    ra = []
    rb = []
    for j in range(n):
        ra.append((i * n + j) / 7.0)
        rb.append((j - i) * 0.5)
    a.append(ra)
    b.append(rb)
c = matmul(a, b, n)
for row in c:
    print(row)
