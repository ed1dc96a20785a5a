# try/except: matching by class, base class, tuple and bare except; else runs
# only when nothing was raised; `as` names the exception.
def classify(x):
    try:
        if x == 0:
            return 10 // x
        if x == 1:
            return [1, 2][5]
        if x == 2:
            return {"a": 1}["b"]
        if x == 3:
            return int("three")
        if x == 4:
            return "a" + 4
        if x == 5:
            raise RuntimeError("five")
        if x == 6:
            assert x == 7, "not seven"
        if x == 7:
            return undefined_name_here
        if x == 8:
            raise OverflowError("big")
        if x == 9:
            raise NotImplementedError
    except ZeroDivisionError as e:
        return "zero: " + str(e)
    except (IndexError, KeyError) as e:
        return "lookup: " + repr(e)
    except ValueError as e:
        return "value: " + str(e)
    except TypeError as e:
        return "type: " + str(e)
    except ArithmeticError as e:
        return "arith: " + repr(e)
    except NameError as e:
        return "name: " + str(e)
    except AssertionError as e:
        return "assert: " + str(e) + " " + str(e.args)
    except RuntimeError as e:
        return "runtime: " + repr(e)
    else:
        return "no error"
    return "fell through"


for i in range(11):
    print(i, classify(i))

def bare(x):
    try:
        return 1 / x
    except:
        return "anything"
print(bare(0), bare(4))

def with_else(x):
    log = []
    try:
        log.append("try")
        y = 10 // x
    except ZeroDivisionError:
        log.append("except")
    else:
        log.append("else " + str(y))
    log.append("after")
    return log
print(with_else(0))
print(with_else(3))

try:
    pass
except Exception:
    print("never")
else:
    print("else at module level")

try:
    raise LookupError("base")
except KeyError:
    print("not this one")
except LookupError as e:
    print("lookup base", e)
