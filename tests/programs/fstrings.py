name = "world"
n = 42
pi = 3.14159
items = [1, 2, 3]
print(f"hello {name}!", f"{n}", f"{pi:.2f}", f"{n:>6}|{n:<6}|{n:^6}|", f"{n:08b}", f"{n:#x}")
print(f"{name!r} {name!s} {name!a} {'é'!a}", f"{items} {items[0]} {len(items)}", f"{n * 2 + 1}")
print(f"{n=}", f"{pi = :.3f}", f"{name=!s}", f"{n + 1=}")
print(f"{{literal}} {{{n}}}", f"", f"no fields", f"{'nested'}", f"{n if n else 0}", f"{n != 1} {n == 42}")
width = 10
prec = 3
print(f"[{pi:{width}.{prec}f}]", f"[{name:>{width}}]", f"[{name:{'*'}^{width}}]")
print(rf"raw \n {n}", f"tab\t{n}\n", "plain" f"{n}" "tail", f"{3.0}", f"{-0.0}", f"{2**64}", f"{True} {None}")
print(f"""triple {n}
{name.upper()} {name.center(9, '-')}""")
lines = []
for i in range(40):
    lines.append(f"{i:3d} {i * i:5d} {i / 7:8.4f} {'even' if i % 2 == 0 else 'odd':>5}")
print(lines[0])
print(lines[39])
print(len("".join(lines)))
total = 0
for i in range(2000):
    s = f"{i}:{i % 7}"
    total += len(s)
print(total)
