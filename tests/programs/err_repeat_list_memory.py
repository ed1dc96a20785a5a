# A list too large to allocate is a MemoryError.
print(len([1, 2] * 10**18))
