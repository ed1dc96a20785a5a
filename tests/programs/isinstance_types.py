# isinstance with builtin types and tuples of types.
for v in [1, 2**100, 1.5, "s", [1], (1,), True, None, range(2)]:
    print(isinstance(v, int), isinstance(v, float), isinstance(v, (str, list)),
          isinstance(v, tuple), isinstance(v, bool), isinstance(v, (int, float)))
