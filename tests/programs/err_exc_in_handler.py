# An exception raised while handling another: CPython prints both
# tracebacks, joined by "During handling of the above exception...".
def parse(s):
    try:
        return int(s)
    except ValueError:
        return {}[s]
print(parse("12"))
print(parse("twelve"))
