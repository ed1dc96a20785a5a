#!/usr/bin/env python3
"""--background-compile=on, as a user runs it: each program prints what
CPython prints, and at least one recompile made on the worker thread was
installed and run (the --stats line says how many), so that the test is of
code the background compiler made, not of the first tier alone.

    background_compile_test.py PYJIT PROGRAM.py...
"""

import re
import subprocess
import sys

from fuzz_skip import skip_if_unavailable

FLAGS = ["--policy=tiered", "--optimizing-backend=llvm", "--background-compile=on",
         "--jit-threshold=2", "--tiered-promote-entries=2", "--look-every=8", "--stats"]


def main():
    pyjit, programs = sys.argv[1], sys.argv[2:]
    if skip_if_unavailable(pyjit, FLAGS, "background_compile_test"):
        return 0
    failures = 0
    for program in programs:
        want = subprocess.run(["/usr/bin/python3", program], capture_output=True, text=True)
        got = subprocess.run([pyjit, "run", program] + FLAGS, capture_output=True, text=True)
        if got.returncode != want.returncode or got.stdout != want.stdout:
            print(f"FAIL {program}: exit {got.returncode} (CPython {want.returncode})\n"
                  f"--- pyjit\n{got.stdout}{got.stderr}--- CPython\n{want.stdout}")
            failures += 1
            continue
        m = re.search(r"background compiles: (\d+) started, (\d+) installed", got.stderr)
        if m is None or int(m.group(2)) == 0:
            print(f"FAIL {program}: no background compile was installed\n{got.stderr}")
            failures += 1
            continue
        print(f"ok {program}: {m.group(0)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
