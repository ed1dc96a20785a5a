print(-7.5 % 2)
print(1.0 % 0)
