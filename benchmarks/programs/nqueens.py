# N-queens by backtracking with explicit stacks: nested loops whose inner
# loops have `and` conditions and end early.
def solve(n):
    cols = [0] * n
    count = 0
    row = 0
    cols[0] = -1
    while row >= 0:
        c = cols[row] + 1
        placed = False
        while c < n and not placed:
            ok = True
            r = 0
            while r < row and ok:
                d = cols[r] - c
                if d == 0 or d == row - r or d == r - row:
                    ok = False
                r += 1
            if ok:
                placed = True
            else:
                c += 1
        if placed:
            cols[row] = c
            if row == n - 1:
                count += 1
            else:
                row += 1
                cols[row] = -1
        else:
            row -= 1
    return count


print(solve(8), solve(9), solve(10))
