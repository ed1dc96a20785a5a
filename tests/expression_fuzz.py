#!/usr/bin/env python3
"""Random arithmetic programs, run by pyjit and by CPython, outputs compared.

Each program prints many random expressions over ints near the 64-bit
boundary, big ints, floats (including -0.0, inf, nan and values whose repr is
a corner case) and bools, combined with every numeric operator, comparisons,
and the numeric builtins; and over strs (ASCII and not): their methods,
slicing, and every way of formatting a value (f-strings with conversions
and specs, format(), str.format, %). Most expressions are chosen so that CPython
evaluates them without error (checked here with eval, which is the same
CPython); each program then ends with one unfiltered expression, so that the
errors are compared too.

The test suite runs a fixed seed and a small count; run it by hand with a
larger count to search harder:

    bazel build //tools:pyjit
    python3 tests/expression_fuzz.py --pyjit bazel-bin/tools/pyjit --count 2000

A mismatch is written to --keep (default: a temporary directory) with both
outputs, and the exit status is 1.

With --in-loops every expression is computed in a loop of its own function,
its atoms passed as arguments, so that a tier-2 backend compiles it with its
operands in locals and registers (run with --jit-threshold=1 and a
--backend or --policy): true division, NaN, -0.0, shifts, negative floor
division and modulo and mixed int/float then go through each backend's own
code, not tier 1's.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile

from fuzz_skip import skip_if_unavailable

INT_ATOMS = [
    "0", "1", "-1", "2", "3", "-7", "10", "255", "1000003",
    "9223372036854775807", "-9223372036854775808", "9223372036854775806",
    "4611686018427387904", "-4611686018427387905", "2**63", "-2**63", "2**64",
    "2**53", "2**53 + 1", "-(2**53) - 1", "2**100", "-3**50", "10**20",
    "True", "False",
]
FLOAT_ATOMS = [
    "0.0", "-0.0", "0.1", "0.5", "1.5", "-2.5", "1e16", "1.5e-07", "1e308",
    "-1e-308", "3.141592653589793", "2.0**63", "9.2e18", "1e22", "123456.789",
    "float('inf')", "-float('inf')", "float('nan')",
]
STR_ATOMS = [
    '""', '"a"', '"abc"', '" pad "', '"Hello, World"', '"\u00e9t\u00e9"', '"stra\u00dfe"',
    '"\u03a3\u0391\u03a3"', '"a,b,,c"', '"\\t x \\n"', '"123"', '"-42"', '"+7"', '"\U0001f600"',
]
# Format specs and printf conversions: most valid for some values, some for none.
FORMAT_SPECS = [
    "", "5", "<6", ">6", "^7", "*^9", "+", " ", "08", ",", "_", ".2f", ".3e", "g", ".3", "%",
    "x", "#x", "b", "o", "c", "d", "z.1f", ",.2f", "010,", "=+8", "s", ".2s", "#g", "E", "_b",
]
PERCENT = ["%d", "%5d", "%-5d|", "%05d", "%+d", "%x", "%#o", "%f", "%.2f", "%e", "%g", "%s",
           "%r", "%10.3f", "%c", "%a", "%.3s", "%X", "%i"]
STR_METHODS_NO_ARGS = ["upper", "lower", "strip", "lstrip", "rstrip"]
BINARY = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"]
COMPARE = ["<", "<=", "==", "!=", ">", ">="]


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.atoms = None  # with --in-loops: the atoms of the expression being made

    def atom(self):
        text = self.literal()
        if self.atoms is None:
            return text
        self.atoms.append(text)
        return "a%d" % (len(self.atoms) - 1)

    def literal(self):
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(INT_ATOMS)
        if r < 0.75:
            return self.rng.choice(FLOAT_ATOMS)
        if r < 0.9:
            return str(self.rng.randint(-10**6, 10**6))
        return repr(self.rng.uniform(-1e6, 1e6))

    def expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.25:
            return self.atom()
        r = self.rng.random()
        if r < 0.6:
            op = self.rng.choice(BINARY)
            left = self.expr(depth - 1)
            if op == "**":  # keep powers small enough to print
                right = str(self.rng.randint(-3, 70))
            elif op in ("<<", ">>"):
                right = str(self.rng.randint(0, 130))
            else:
                right = self.expr(depth - 1)
            return f"({left}) {op} ({right})"
        if r < 0.7:
            return f"{self.rng.choice(['-', '+', '~'])}({self.expr(depth - 1)})"
        if r < 0.85:
            op = self.rng.choice(COMPARE)
            return f"({self.expr(depth - 1)}) {op} ({self.expr(depth - 1)})"
        if r < 0.93:
            return self.from_str(depth - 1)
        fn = self.rng.choice(["abs", "int", "float", "min", "max", "str", "bool"])
        if fn in ("min", "max"):
            return f"{fn}({self.expr(depth - 1)}, {self.expr(depth - 1)})"
        return f"{fn}({self.expr(depth - 1)})"


    def str_atom(self):
        text = self.rng.choice(STR_ATOMS)
        if self.atoms is None:
            return text
        self.atoms.append(text)
        return "a%d" % (len(self.atoms) - 1)

    def str_expr(self, depth):
        """A str: methods, concatenation, slicing and every kind of formatting
        of a number or a str."""
        if depth <= 0 or self.rng.random() < 0.2:
            return self.str_atom()
        rng = self.rng
        r = rng.random()
        s = lambda: self.str_expr(depth - 1)
        if r < 0.1:
            return f"({s()}) + ({s()})"
        if r < 0.15:
            return f"({s()}) * {rng.randint(-1, 3)}"
        if r < 0.3:
            return f"({s()}).{rng.choice(STR_METHODS_NO_ARGS)}()"
        if r < 0.45:
            method = rng.choice(["replace", "strip", "zfill", "ljust", "rjust", "center", "join"])
            if method == "replace":
                return f"({s()}).replace({self.str_atom()}, {self.str_atom()}, {rng.randint(-1, 3)})"
            if method == "strip":
                return f"({s()}).{rng.choice(['strip', 'lstrip', 'rstrip'])}({self.str_atom()})"
            if method == "zfill":
                return f"({s()}).zfill({rng.randint(-2, 12)})"
            if method == "join":
                separator = rng.choice(["", "None, 1", '","'])
                return f"({self.str_atom()}).join(({s()}).split({separator}))"
            fill = rng.choice(["", ", '*'", ", '\u00e9'"])
            return f"({s()}).{method}({rng.randint(-1, 14)}{fill})"
        if r < 0.55:
            a, b = rng.randint(-6, 6), rng.randint(-6, 6)
            return f"({s()})[{a}:{b}]"
        spec = rng.choice(FORMAT_SPECS)
        value = self.expr(depth - 1) if rng.random() < 0.75 else s()
        how = rng.random()
        # In 3.11 an f-string's fields may not use its quote: one with a
        # string inside is formatted another way.
        if how < 0.3 and '"' not in value:
            conversion = rng.choice(["", "", "", "!r", "!s", "!a"])
            return f"f\"<{{{value}{conversion}:{spec}}}>\""
        if how < 0.5:
            return f"format({value}, {spec!r})"
        if how < 0.65:
            return f"{'{:' + spec + '}'!r}.format({value})"
        if how < 0.9:
            return f"{rng.choice(PERCENT)!r} % ({value},)"
        return f"{rng.choice(['repr', 'str', 'ascii'])}({value})"

    def from_str(self, depth):
        """A number or bool computed from strs."""
        rng = self.rng
        s = self.str_expr(depth)
        r = rng.random()
        if r < 0.3:
            return f"len({s})"
        if r < 0.5:
            return f"({s}).{rng.choice(['find', 'count'])}({self.str_atom()}, {rng.randint(-4, 4)})"
        if r < 0.65:
            return f"({s}).{rng.choice(['startswith', 'endswith'])}({self.str_atom()})"
        if r < 0.75:
            return f"({s}).{rng.choice(['isdigit', 'isalpha', 'isspace'])}()"
        if r < 0.85:
            return f"ord(({s})[0])"
        return f"({s}) {rng.choice(COMPARE)} ({self.str_expr(depth)})"


def evaluates_cleanly(expression):
    try:
        value = eval(expression, {})  # the oracle is this very CPython
        text = repr(value)
    except Exception:
        return False
    return len(text) < 400


def make_program(rng, lines, in_loops=False):
    gen = Generator(rng)
    out = []
    while len(out) < lines:
        if in_loops:
            line = looped(gen, rng.randint(1, 4), len(out))
            if line:
                out.append(line)
            continue
        depth = rng.randint(1, 4)
        e = gen.str_expr(depth) if rng.random() < 0.3 else gen.expr(depth)
        if evaluates_cleanly(e):
            out.append(f"print({e})")
    if in_loops:
        line = None
        while line is None:
            line = looped(gen, 3, len(out), check=False)
        out.append(line)  # may raise: errors are compared too
    else:
        out.append(f"print({gen.expr(3)})")  # may raise: errors are compared too
    return "\n".join(out) + "\n"


def looped(gen, depth, n, check=True):
    """A function computing one expression in a two-iteration loop from its
    arguments, and the call that prints it; None when CPython would fail."""
    gen.atoms = []
    e = gen.str_expr(depth) if gen.rng.random() < 0.3 else gen.expr(depth)
    atoms, gen.atoms = gen.atoms, None
    inline = e
    for k in reversed(range(len(atoms))):  # a10 before a1
        inline = inline.replace("a%d" % k, "(%s)" % atoms[k])
    if check and not evaluates_cleanly(inline):
        return None
    params = ", ".join("a%d" % k for k in range(len(atoms)))
    return (f"def e{n}({params}):\n    for i in range(2):\n        r = {e}\n    return r\n"
            f"print(e{n}({', '.join(atoms)}))\n")


def run(argv, path):
    p = subprocess.run(argv + [path], capture_output=True, text=True, timeout=60)
    last_err = p.stderr.strip().splitlines()[-1:] if p.returncode else []
    return p.returncode, p.stdout, last_err


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyjit", required=True, help="the pyjit binary")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20, help="programs to run")
    ap.add_argument("--lines", type=int, default=60, help="expressions per program")
    ap.add_argument("--keep", help="directory for mismatching programs")
    ap.add_argument("--in-loops", action="store_true",
                    help="each expression in a loop of its own function (for tier 2)")
    ap.add_argument("pyjit_args", nargs="*", help="e.g. --backend=interp")
    args = ap.parse_args()

    if skip_if_unavailable(args.pyjit, args.pyjit_args, "expression_fuzz"):
        return 0
    rng = random.Random(args.seed)
    keep = args.keep or tempfile.mkdtemp(prefix="pyjit-fuzz-")
    os.makedirs(keep, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for i in range(args.count):
            source = make_program(rng, args.lines, args.in_loops)
            path = os.path.join(work, f"expr_{args.seed}_{i}.py")
            with open(path, "w") as f:
                f.write(source)
            expected = run([args.python, "-I"], path)
            actual = run([args.pyjit, "run"] + args.pyjit_args, path)
            if expected != actual:
                failures += 1
                kept = os.path.join(keep, os.path.basename(path))
                with open(kept, "w") as f:
                    f.write(source)
                with open(kept + ".diff", "w") as f:
                    f.write(f"CPython: {expected!r}\npyjit:   {actual!r}\n")
                print(f"MISMATCH {kept} (see {kept}.diff)", file=sys.stderr)
    print(f"{args.count - failures} of {args.count} random programs match CPython "
          f"(seed {args.seed}, {args.lines} expressions each)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
