# A repeated string longer than any index is an OverflowError, not a hang.
s = "ab"
print(len(s * 2**62))
