a = [1]
del a[1]
