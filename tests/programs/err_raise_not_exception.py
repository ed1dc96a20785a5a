# Only exception classes and instances can be raised.
for x in [ValueError, "text"]:
    try:
        raise x
    except ValueError:
        print("caught the class")
