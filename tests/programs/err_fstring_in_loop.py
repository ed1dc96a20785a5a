for i in range(5):
    print(f"{i:d}")
print(f"{2.5:d}")
