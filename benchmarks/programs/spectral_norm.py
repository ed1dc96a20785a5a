# Spectral norm: a small function called in the hottest loop.
def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def mul_av(v, n):
    out = [0.0] * n
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out[i] = s
    return out


def mul_atv(v, n):
    out = [0.0] * n
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out[i] = s
    return out


n = 350
u = [1.0] * n
v = u
for _ in range(10):
    v = mul_atv(mul_av(u, n), n)
    u = mul_atv(mul_av(v, n), n)
vbv = 0.0
vv = 0.0
for i in range(n):
    vbv += u[i] * v[i]
    vv += v[i] * v[i]
print(vbv / vv)
