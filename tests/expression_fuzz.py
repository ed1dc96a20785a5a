#!/usr/bin/env python3
"""Random arithmetic programs, run by pyjit and by CPython, outputs compared.

Each program prints many random expressions over ints near the 64-bit
boundary, big ints, floats (including -0.0, inf, nan and values whose repr is
a corner case) and bools, combined with every numeric operator, comparisons,
and the numeric builtins. Most expressions are chosen so that CPython
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
        fn = self.rng.choice(["abs", "int", "float", "min", "max", "str", "bool"])
        if fn in ("min", "max"):
            return f"{fn}({self.expr(depth - 1)}, {self.expr(depth - 1)})"
        return f"{fn}({self.expr(depth - 1)})"


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
        e = gen.expr(rng.randint(1, 4))
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
    e = gen.expr(depth)
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
