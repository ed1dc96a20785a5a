t = {(1, 2): "pair", None: "none", 2.5: "float", "s": [1, 2], -1: "neg", 2**70: "big", (1, (2, 3)): "nested", True: "bool", 0.0: "zero"}
print(t)
print(t[(1, 2)], t[None], t[2.5], t[-1], t[2**70], t[(1, (2, 3))], t[1], t[1.0], t[0], t[False])
print(hash(-1), hash(2**61 - 1), hash(2**61), hash(-2**100), hash(1.5), hash(-0.5), hash(1e300), hash(float("inf")), hash(float("-inf")))
print(hash((1, 2)), hash(()), hash((-1,)), hash(True), hash(1.0), hash(((1, 2), 3.5)), hash(2**64 + 5), hash(-(2**64)))
for k in [0, 1, -2, 2**61 - 2, 2**61 + 7, 10**30, -10**30, 0.25, 1e-300, -123.456, 2.0**80]:
    print(k, hash(k))
print(hash(5) == hash(5.0), hash(2**70) == hash(2.0**70), hash("abc") == hash("ab" + "c"))
