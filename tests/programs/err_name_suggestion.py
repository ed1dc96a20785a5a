# CPython 3.11's suggestion on the NameError's last line.
def accumulate(values):
    total = 0
    for v in values:
        total += v
    return totl


print(accumulate([1, 2, 3]))
