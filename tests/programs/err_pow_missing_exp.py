print(pow(1))
