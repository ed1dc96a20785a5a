#!/usr/bin/env python3
"""Random loops, run by pyjit and by CPython, outputs compared.

expression_fuzz.py checks arithmetic; this checks what compiled traces do
with it: each program is a few functions whose loops assign random
expressions over a handful of locals (ints that may overflow into big ints,
floats, bools, list items), branch on comparisons, and swap locals, so that
a backend that keeps values in registers must write back the right ones at
every side exit. Run with --jit-threshold=1 and a backend:

    python3 tests/loop_fuzz.py --pyjit bazel-bin/tools/pyjit --count 200 \\
        -- --backend=asmjit --jit-threshold=1
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile

from fuzz_skip import skip_if_unavailable

INTS = ["a", "b", "c"]
FLOATS = ["d", "e"]
NAMES = INTS + FLOATS
# Parameters the loops read but never assign: loop-invariant operands, which
# an optimizer may hoist out of the loop with their overflow checks. They are
# called with values at the edges of 64 bits, so an operation on two of them
# can overflow at the very first iteration.
INVARIANTS = ["p", "q"]
EDGES = [2**63 - 1, -2**63, 2**62, 2**62 + 1, -2**62 - 1, -2**62, 3037000500, -3037000500,
         2**32, -1, 0, 1]


def int_atom(rng):
    r = rng.random()
    if r < 0.5:
        return rng.choice(INTS)
    if r < 0.6:
        return rng.choice(INVARIANTS)
    if r < 0.75:
        return "i"
    if r < 0.85:
        return "xs[%s %% 7]" % rng.choice(INTS + ["i"])
    return str(rng.choice([0, 1, 2, 3, 7, -1, -5, 1000003, 2**40, 2**62]))


def int_expr(rng, depth):
    if depth == 0 or rng.random() < 0.3:
        return int_atom(rng)
    op = rng.choice(["+", "-", "*", "+", "-", "&", "|", "^", "//", "%"])
    left, right = int_expr(rng, depth - 1), int_expr(rng, depth - 1)
    if op in ("//", "%"):
        right = "(%s or 1)" % right
    return "(%s %s %s)" % (left, op, right)


def float_expr(rng, depth):
    if depth == 0 or rng.random() < 0.3:
        r = rng.random()
        if r < 0.6:
            return rng.choice(FLOATS)
        if r < 0.8:
            return rng.choice(["0.5", "1.5", "-2.25", "3.0"])
        return rng.choice(INTS + ["i"])  # an int in a float expression
    op = rng.choice(["+", "-", "*"])
    return "(%s %s %s)" % (float_expr(rng, depth - 1), op, float_expr(rng, depth - 1))


def statement(rng, indent):
    r = rng.random()
    pad = " " * indent
    if r < 0.15:
        op = rng.choice(["+", "-", "*"])
        return "%s%s = %s %s %s\n" % (pad, rng.choice(INTS), rng.choice(INVARIANTS), op,
                                      rng.choice(INVARIANTS))
    if r < 0.3:
        return "%s%s = %s\n" % (pad, rng.choice(INTS), int_expr(rng, 3))
    if r < 0.45:
        return "%s%s = %s\n" % (pad, rng.choice(FLOATS), float_expr(rng, 3))
    if r < 0.55:
        x, y = rng.sample(INTS, 2) if rng.random() < 0.7 else FLOATS
        return "%s%s, %s = %s, %s\n" % (pad, x, y, y, x)
    if r < 0.65:
        return "%sxs[%s %% 7] = %s\n" % (pad, rng.choice(INTS + ["i"]), int_expr(rng, 2))
    if r < 0.75:
        return "%s%s += %s\n" % (pad, rng.choice(INTS), int_atom(rng))
    cmp = rng.choice(["<", "<=", "==", "!=", ">", ">="])
    if rng.random() < 0.5:
        cond = "%s %s %s" % (int_expr(rng, 1), cmp, int_expr(rng, 1))
    else:
        cond = "%s %s %s" % (float_expr(rng, 1), cmp, float_expr(rng, 1))
    body = statement(rng, indent + 4) if rng.random() < 0.8 else pad + "    continue\n"
    if rng.random() < 0.2:
        body = pad + "    break\n"
    return "%sif %s:\n%s" % (pad, cond, body)


def clamp(name):
    # Keeps values small enough that the loops do not build huge numbers.
    return "        if %s > 10**30 or %s < -10**30:\n            %s = %s %% 1000\n" % (
        name, name, name, name)


def invariant_kernel(rng, name):
    """A loop whose arithmetic reads only parameters, and nothing else that
    calls into the runtime (the clamps above do): an optimizer may hoist it
    out of the loop, and must keep its overflow check with it."""
    out = ["def %s(n, p, q):\n" % name, "    a, b, c = 0, 0, 0\n"]
    out.append(rng.choice(["    for i in range(n):\n", "    i = 0\n    while i < n:\n        i += 1\n"]))
    for target in rng.sample(["a", "b"], rng.randint(1, 2)):
        x, y = rng.choice(INVARIANTS), rng.choice(INVARIANTS)
        out.append("        %s = %s %s %s\n" % (target, x, rng.choice(["+", "-", "*"]), y))
    out.append("        c = c + i\n")
    out.append("    return a, b, c\n\n")
    out.append("print(%s(%d, %d, %d))\n" % (name, rng.choice([2, 3, 30]), rng.choice(EDGES),
                                            rng.choice(EDGES)))
    return out


def make_program(rng, functions):
    out = invariant_kernel(rng, "g")
    for f in range(functions):
        out.append("def f%d(n, p, q):\n" % f)
        out.append("    a, b, c, d, e = 1, 2, 3, 4.0, 5.5\n")
        out.append("    xs = [0, 1, 2, 3, 4, 5, 6]\n")
        loop = rng.choice(["for i in range(n):\n", "i = 0\n    while i < n:\n        i += 1\n"])
        out.append("    " + loop)
        for _ in range(rng.randint(2, 6)):
            out.append(statement(rng, 8))
        for name in NAMES:
            out.append(clamp(name))
        out.append("    return a, b, c, d, e, xs\n\n")
        out.append("print(f%d(%d, %d, %d))\n" % (f, rng.choice([1, 2, 5, 30, 100]),
                                                 rng.choice(EDGES), rng.choice(EDGES)))
    return "".join(out)


def run(argv, path):
    p = subprocess.run(argv + [path], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.splitlines()[-1:] if p.returncode else []


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pyjit", required=True, help="the pyjit binary")
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20, help="programs to run")
    ap.add_argument("--keep", help="directory for mismatching programs")
    ap.add_argument("pyjit_args", nargs="*", help="e.g. --backend=asmjit --jit-threshold=1")
    args = ap.parse_args()
    if skip_if_unavailable(args.pyjit, args.pyjit_args, "loop_fuzz"):
        return 0
    keep = args.keep or tempfile.mkdtemp(prefix="loop_fuzz_")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.count):
            seed = args.seed * 100003 + n
            source = make_program(random.Random(seed), 4)
            path = os.path.join(tmp, "loop_%d.py" % seed)
            with open(path, "w") as f:
                f.write(source)
            want = run([args.python], path)
            got = run([args.pyjit, "run"] + args.pyjit_args, path)
            # An error (an OverflowError of a huge float) compares by its
            # last line.
            if want != got:
                failures += 1
                kept = os.path.join(keep, os.path.basename(path))
                with open(kept, "w") as f:
                    f.write(source)
                print("MISMATCH seed %d: %s\n  python: %r\n  pyjit:  %r" % (seed, kept, want, got))
    print("%d of %d programs differ (pyjit %s)" % (failures, args.count, " ".join(args.pyjit_args)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
