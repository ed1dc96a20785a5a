x = None
print(f"{x:>5}")
