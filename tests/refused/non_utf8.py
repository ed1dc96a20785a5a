# refused: 2:11: Non-UTF-8 code starting with '\xe9' in file {path} on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details
print("café")
