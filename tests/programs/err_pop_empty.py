a = [1]
a.pop()
a.pop()
