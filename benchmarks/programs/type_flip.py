# Types that change under a trace: an accumulator that is an int for a while,
# then a float, then an int again, so compiled guards fail and tier 1 resumes.
def run(n):
    acc = 0
    flips = 0
    for i in range(n):
        if i % 1000 == 0:
            flips += 1
            if flips % 2 == 0:
                acc = float(acc)
            else:
                acc = int(acc)
        acc = acc + i % 7
    return acc


print(run(6000000))
