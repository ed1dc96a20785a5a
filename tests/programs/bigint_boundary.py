# Every operator at the 64-bit boundary.
M = 9223372036854775807
m = -9223372036854775808
print(M + 1, m - 1, M * 2, m * 2, m * -1, -m, abs(m), m // -1, m % -1)
print(M + 1 - 1, m - 1 + 1, (M + 1) // 2, (m - 1) // 2)
print(M << 1, m << 1, M >> 62, m >> 62, M >> 64, m >> 100)
print(M & (M + 1), (M + 1) | 1, m ^ M, ~M, ~m, ~(M + 1))
print(M + True, m - True, M * True, -(m + 0))
a = M
a += 1
print(a, a - 1 == M, a > M, a >= M + 1, a == 2**63)
b = m
b -= 1
print(b, b < m, b + 1 == m)
