# An IndexError raised inside a hot loop's trace.
data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
total = 0
i = 0
while True:
    total = total + data[i]
    i = i + 1
    if i == 8:
        print("partial", total)
