def main():
    total = 0
    for i in range(100):
        total += i
    print("total", total)

if __name__ == "__main__":
    main()
print(__name__)
