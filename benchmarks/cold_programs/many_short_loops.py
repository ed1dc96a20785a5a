# Many loops, each hot only briefly: 160 loop sites in 40 functions, each
# run past the default threshold a few times and then never again. What a
# JIT spends compiling them must stay in proportion to the time they run.

def f0(n, k):
    s = 0
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1000
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1000
    return s


def f1(n, k):
    s = 1
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1001
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1001
    return s


def f2(n, k):
    s = 2
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1002
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1002
    return s


def f3(n, k):
    s = 3
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1003
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1003
    return s


def f4(n, k):
    s = 4
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1004
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1004
    return s


def f5(n, k):
    s = 5
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1005
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1005
    return s


def f6(n, k):
    s = 6
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1006
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1006
    return s


def f7(n, k):
    s = 7
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1007
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1007
    return s


def f8(n, k):
    s = 8
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1008
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1008
    return s


def f9(n, k):
    s = 9
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1009
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1009
    return s


def f10(n, k):
    s = 10
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1010
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1010
    return s


def f11(n, k):
    s = 11
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1011
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1011
    return s


def f12(n, k):
    s = 12
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1012
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1012
    return s


def f13(n, k):
    s = 13
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1013
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1013
    return s


def f14(n, k):
    s = 14
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1014
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1014
    return s


def f15(n, k):
    s = 15
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1015
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1015
    return s


def f16(n, k):
    s = 16
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1016
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1016
    return s


def f17(n, k):
    s = 17
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1017
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1017
    return s


def f18(n, k):
    s = 18
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1018
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1018
    return s


def f19(n, k):
    s = 19
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1019
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1019
    return s


def f20(n, k):
    s = 20
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1020
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1020
    return s


def f21(n, k):
    s = 21
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1021
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1021
    return s


def f22(n, k):
    s = 22
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1022
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1022
    return s


def f23(n, k):
    s = 23
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1023
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1023
    return s


def f24(n, k):
    s = 24
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1024
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1024
    return s


def f25(n, k):
    s = 25
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1025
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1025
    return s


def f26(n, k):
    s = 26
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1026
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1026
    return s


def f27(n, k):
    s = 27
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1027
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1027
    return s


def f28(n, k):
    s = 28
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1028
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1028
    return s


def f29(n, k):
    s = 29
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1029
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1029
    return s


def f30(n, k):
    s = 30
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1030
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1030
    return s


def f31(n, k):
    s = 31
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1031
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1031
    return s


def f32(n, k):
    s = 32
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1032
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1032
    return s


def f33(n, k):
    s = 33
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1033
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1033
    return s


def f34(n, k):
    s = 34
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1034
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1034
    return s


def f35(n, k):
    s = 35
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1035
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1035
    return s


def f36(n, k):
    s = 36
    for i in range(n):
        s += i * (k + 0)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1036
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 3) + 1)
        if s > 10**12:
            s = s % 1036
    return s


def f37(n, k):
    s = 37
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1037
    for i in range(n):
        s += (i * i) // ((k + 2) + 1)
    for i in range(n):
        s += i * (k + 3)
        if s > 10**12:
            s = s % 1037
    return s


def f38(n, k):
    s = 38
    for i in range(n):
        s ^= i << 3
    for i in range(n):
        s += (i * i) // ((k + 1) + 1)
        if s > 10**12:
            s = s % 1038
    for i in range(n):
        s += i * (k + 2)
    for i in range(n):
        s = (s + i) % 1000003
        if s > 10**12:
            s = s % 1038
    return s


def f39(n, k):
    s = 39
    for i in range(n):
        s += (i * i) // ((k + 0) + 1)
    for i in range(n):
        s += i * (k + 1)
        if s > 10**12:
            s = s % 1039
    for i in range(n):
        s = (s + i) % 1000003
    for i in range(n):
        s ^= i << 3
        if s > 10**12:
            s = s % 1039
    return s


total = 0
for rep in range(3):
    total += f0(40 + rep, 0)
    total += f1(40 + rep, 1)
    total += f2(40 + rep, 2)
    total += f3(40 + rep, 3)
    total += f4(40 + rep, 4)
    total += f5(40 + rep, 5)
    total += f6(40 + rep, 6)
    total += f7(40 + rep, 0)
    total += f8(40 + rep, 1)
    total += f9(40 + rep, 2)
    total += f10(40 + rep, 3)
    total += f11(40 + rep, 4)
    total += f12(40 + rep, 5)
    total += f13(40 + rep, 6)
    total += f14(40 + rep, 0)
    total += f15(40 + rep, 1)
    total += f16(40 + rep, 2)
    total += f17(40 + rep, 3)
    total += f18(40 + rep, 4)
    total += f19(40 + rep, 5)
    total += f20(40 + rep, 6)
    total += f21(40 + rep, 0)
    total += f22(40 + rep, 1)
    total += f23(40 + rep, 2)
    total += f24(40 + rep, 3)
    total += f25(40 + rep, 4)
    total += f26(40 + rep, 5)
    total += f27(40 + rep, 6)
    total += f28(40 + rep, 0)
    total += f29(40 + rep, 1)
    total += f30(40 + rep, 2)
    total += f31(40 + rep, 3)
    total += f32(40 + rep, 4)
    total += f33(40 + rep, 5)
    total += f34(40 + rep, 6)
    total += f35(40 + rep, 0)
    total += f36(40 + rep, 1)
    total += f37(40 + rep, 2)
    total += f38(40 + rep, 3)
    total += f39(40 + rep, 4)
print(total)
