#!/usr/bin/env python3
"""Whole runs with the default settings, against tier 1: what compiling
costs a user who just runs a program. For each workload, each backend and
policy runs as `pyjit run --backend=X` (or `--policy=P`), as a new process,
interleaved with tier-1 runs of the same program; the table gives the
median time of each over tier 1's, and the worst ratio per column. The
compile budget (--compile-share, default 0.4) is what keeps these near 1
where compiling does not pay.

    python3 benchmarks/cold_ratio.py --pyjit bazel-bin/tools/pyjit [--reps 5]
        [--programs benchmarks/programs,benchmarks/cold_programs]
        [--columns asmjit,llvm,tiered]
        [-- extra pyjit flags, e.g. --compile-share=unlimited]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

POLICIES = ("tiered", "adaptive")


def available_backends(pyjit):
    out = subprocess.run([pyjit, "backends"], capture_output=True, text=True).stdout
    names = []
    for line in out.splitlines():
        name, _, rest = line.partition(": ")
        if rest.startswith("available") and name != "tier1":
            names.append(name)
    return names


def run_seconds(argv):
    start = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("cold_ratio: %s failed: %s" % (" ".join(argv), p.stderr.strip()[-300:]))
    return seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pyjit", required=True)
    ap.add_argument("--programs", default="benchmarks/programs,benchmarks/cold_programs",
                    help="folders of workloads, comma-separated")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--columns", help="backends and policies, comma-separated (default: all)")
    ap.add_argument("extra", nargs="*", help="flags for every pyjit run")
    args = ap.parse_args()
    columns = args.columns.split(",") if args.columns else (
        available_backends(args.pyjit) + list(POLICIES))
    programs = sorted(os.path.join(d, f) for d in args.programs.split(",")
                      for f in os.listdir(d) if f.endswith(".py"))
    worst = {c: (0.0, "") for c in columns}
    print("| workload | tier1 s | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for path in programs:
        name = os.path.basename(path)
        times = {c: [] for c in ["tier1"] + columns}
        for _ in range(args.reps):  # interleaved, so that the machine's drift hits all alike
            for c in ["tier1"] + columns:
                flag = "--policy=" + c if c in POLICIES else "--backend=" + c
                times[c].append(run_seconds([args.pyjit, "run", flag] + args.extra + [path]))
        base = statistics.median(times["tier1"])
        cells = []
        for c in columns:
            ratio = statistics.median(times[c]) / base
            if ratio > worst[c][0]:
                worst[c] = (ratio, name[:-3])
            cells.append("%.2f" % ratio)
        print("| %s | %.3f | %s |" % (name[:-3], base, " | ".join(cells)), flush=True)
    print("| worst (time / tier1) | | " +
          " | ".join("%.2f (%s)" % worst[c] for c in columns) + " |")


if __name__ == "__main__":
    main()
