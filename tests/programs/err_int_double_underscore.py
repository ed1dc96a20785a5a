print(int("1__0"))
