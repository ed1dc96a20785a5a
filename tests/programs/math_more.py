import math
print(math.exp(1), math.exp(-1000), math.exp(0), math.exp(float("nan")), math.exp(-math.inf), math.exp(True))
print(math.log(8, 2), math.log(10**400), math.log(2**1100, 2), math.log(True + 1), math.log(float("inf")), math.log(float("nan")), math.log(8, 2**2000), math.log(100, 10), math.log(0.5))
print(math.atan2(1, -1), math.atan2(0.0, -0.0), math.atan2(-0.0, -1), math.atan2(math.inf, math.inf), math.atan2(1, 2**70))
print(math.fabs(-2), math.fabs(-0.0), math.fabs(-math.inf), math.isnan(float("nan")), math.isnan(1), math.isinf(-math.inf), math.isinf(1e308 * 10), math.isinf(5), math.inf, -math.inf, math.inf > 10**400)
s = 0.0
for i in range(1, 3000):
    s += math.log(i) - math.exp(-i) + math.atan2(i, 3) * math.fabs(math.sin(i))
    if math.isnan(s) or math.isinf(s):
        print("bad")
print(round(s, 6))
