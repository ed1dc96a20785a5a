# A loop variable that turns from int to float mid-way: the trace's int
# guards fail and tier 1 resumes with the float.
x = 0
total = 0
for i in range(200):
    if i == 100:
        x = x + 0.5
    x = x + 1
    total = total + x
print(x, total)
