# Three exceptions, each raised while handling the one before.
try:
    [][0]
except IndexError:
    try:
        {}["k"]
    except KeyError:
        "a" + 1
