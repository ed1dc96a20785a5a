print(zip([1])[0])
