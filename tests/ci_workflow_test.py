#!/usr/bin/python3
"""The GitHub Actions workflow is valid YAML and its matrix names every
backend `pyjit backends` lists and every policy, each cell running
tools/ci-cell; the nightly job records the benchmark.

    ci_workflow_test.py PYJIT WORKFLOW.yml
"""
import subprocess
import sys

import yaml


def main():
    pyjit, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        workflow = yaml.safe_load(f)
    failures = []
    jobs = workflow.get("jobs", {})
    columns = jobs.get("matrix", {}).get("strategy", {}).get("matrix", {}).get("column", [])
    listed = subprocess.run([pyjit, "backends"], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    backends = [line.split(":")[0] for line in listed]
    for name in backends + ["tiered", "adaptive"]:
        if name not in columns:
            failures.append(f"the matrix has no cell for {name}")
    for c in columns:
        if c not in backends + ["tiered", "adaptive"]:
            failures.append(f"the matrix names {c}, which is neither a backend nor a policy")
    cell_steps = " ".join(str(s.get("run", "")) for s in jobs.get("matrix", {}).get("steps", []))
    if "tools/ci-cell ${{ matrix.column }}" not in cell_steps:
        failures.append("the matrix cells do not run tools/ci-cell with their column")
    nightly = " ".join(str(s.get("run", "")) for s in jobs.get("nightly-benchmark", {}).get("steps", []))
    if "./pyjit compare --record" not in nightly:
        failures.append("the nightly job does not record the benchmark")
    # PyYAML reads the key `on` as True.
    triggers = workflow.get("on", workflow.get(True, {}))
    if "schedule" not in triggers:
        failures.append("no scheduled trigger")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(columns)} matrix cells: {', '.join(columns)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
