# refused: 3:11: Generator expression must be parenthesized
xs = [1]
print(sum(x for x in xs, 1))
