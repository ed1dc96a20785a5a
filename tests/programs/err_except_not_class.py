# An except clause naming something that is not an exception class fails
# only when an exception reaches it.
try:
    print("nothing raised, nothing checked")
except 42:
    pass
try:
    1 / 0
except (ZeroDivisionError, "oops"):
    print("never")
