# finally runs however the try body is left: falling through, return,
# break, continue, an exception caught outside; a return in finally wins.
def fall():
    out = []
    try:
        out.append(1)
    finally:
        out.append(2)
    out.append(3)
    return out
print(fall())

def ret():
    try:
        return "from try"
    finally:
        print("finally before return")
print(ret())

def override():
    try:
        return 1
    finally:
        return 2
print(override())

def swallow():
    try:
        1 / 0
    finally:
        return "swallowed"
print(swallow())

def loops():
    out = []
    for i in range(6):
        try:
            if i == 1:
                continue
            if i == 4:
                break
            out.append(i)
        finally:
            out.append(-i)
    k = 0
    while k < 5:
        k += 1
        try:
            try:
                if k % 2:
                    continue
                out.append(k * 10)
            finally:
                out.append("inner")
        finally:
            out.append("outer")
    return out
print(loops())

def nested_return(x):
    try:
        try:
            if x:
                return "inner return"
            raise ValueError("v")
        finally:
            print("inner finally", x)
    except ValueError as e:
        return "caught " + str(e)
    finally:
        print("outer finally", x)
print(nested_return(True))
print(nested_return(False))

def return_in_except():
    for i in range(3):
        try:
            raise KeyError(i)
        except KeyError as e:
            if i == 2:
                return "returned at " + str(e)
        finally:
            print("finally", i)
print(return_in_except())

def break_in_except():
    n = 0
    while True:
        try:
            n += 1
            if n > 3:
                raise IndexError("stop")
        except IndexError:
            break
        finally:
            print("fin", n)
    return n
print(break_in_except())

def break_in_finally_on_error():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return "broke out, exception dropped"
print(break_in_finally_on_error())

def for_return_in_finally_loop():
    for i in range(3):
        for j in range(3):
            try:
                if j == 1:
                    return (i, j)
            finally:
                print("leaving", i, j)
print(for_return_in_finally_loop())
