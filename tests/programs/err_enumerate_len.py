print(len(enumerate([])))
