# An exception in a key function leaves sorted() with its traceback.
def key(item):
    return 10 // item
print(sorted([5, 2, 1], key=key))
print(sorted([5, 2, 0, 1], key=key))
