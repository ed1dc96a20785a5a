# Exception objects as values: str, repr, args, printing, isinstance, the
# class hierarchy, raising a class or an instance.
names = [Exception, ValueError, KeyError, IndexError, TypeError, ZeroDivisionError,
         AttributeError, RuntimeError, StopIteration, AssertionError, OverflowError,
         NameError, RecursionError, ArithmeticError, LookupError]
for cls in names:
    e = cls("message")
    print(cls, repr(e), str(e), e.args)
    print(isinstance(e, Exception), isinstance(e, ArithmeticError), isinstance(e, LookupError),
          isinstance(e, (ValueError, TypeError)))

print(repr(ValueError()), str(ValueError()) == "", ValueError().args)
print(repr(ValueError(1, "two", 3.0)), str(ValueError(1, "two", 3.0)))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError(3)), str(KeyError()))
print(str(KeyError("a", "b")))
print(f"{ValueError('in f-string')} {KeyError('x')!r}")
print("%s / %r" % (IndexError("i"), IndexError("i")))
errors = [ValueError("a"), TypeError("b")]
print(errors)
print({"e": KeyError(1)})
e = ValueError("same")
print(e is e, e == e, e != ValueError("same"))

for cls in [ValueError, KeyError, ZeroDivisionError]:
    try:
        raise cls
    except Exception as caught:
        print("raised the class:", repr(caught))

def make(kind):
    if kind == 0:
        return ValueError("made")
    return TypeError("made too")

for k in range(2):
    try:
        raise make(k)
    except ValueError as v:
        print("value", v)
    except TypeError as t:
        print("type", t)

try:
    {}["missing"]
except KeyError as e:
    print(e.args, e.args[0] == "missing", repr(e))
try:
    [][0]
except IndexError as e:
    print(e.args)
print(bool(ValueError()), len(ValueError(1, 2).args))
