# Bare raise re-raises the exception being handled, also from a nested
# handler after an inner one ended; `raise e` raises a caught one again.
def inner():
    try:
        [].pop()
    except IndexError:
        print("inner saw it")
        raise

try:
    inner()
except IndexError as e:
    print("outer got", e)

def nested():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise TypeError("second")
        except TypeError:
            print("handled second")
        raise  # the first again

try:
    nested()
except ValueError as e:
    print("re-raised:", e)
except TypeError as e:
    print("wrong one:", e)

saved = None
try:
    raise KeyError("keep")
except KeyError as e:
    saved = e
try:
    raise saved
except LookupError as e:
    print("raised again:", repr(e), e is saved)

def helper():
    raise  # the exception the caller is handling

try:
    try:
        1 / 0
    except ZeroDivisionError:
        helper()
except ZeroDivisionError as e:
    print("helper re-raised", e)

count = 0
for i in range(300):
    try:
        try:
            if i % 3 == 0:
                raise ValueError(i)
            count += 1
        except ValueError:
            count += 10
            if i % 2 == 0:
                raise
    except ValueError as e:
        count += e.args[0]
print(count)
