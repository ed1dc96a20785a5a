#!/usr/bin/python3
"""./pyjit compare: the benchmark matrix, its table and its dashboard.

Runs every workload in benchmarks/programs under every available backend
(the Google Benchmark harness, in process, output checked against CPython's)
and under the reference runtimes (python3 and pypy3, as whole processes),
one workload at a time: its references are timed right after its harness
cells, so that a machine whose speed drifts over the run (a shared one
does, by 20-30% over minutes) moves a workload's cells together. Then it
prints a table of speed-ups over CPython 3.11 and writes, under --out:

  results.json   every sample and counter, with the run's context
  harness.json   Google Benchmark's own JSON
  index.html     a self-contained dashboard (charts embedded)

  ./pyjit compare [--quick] [--out=DIR] [--backends=a,b] [--programs=x,y] [--record]

--record also stores results.json under benchmarks/history/, which the
history chart and the significance test read; it refuses a --quick or
partial run (some workloads or backends) unless --record-partial is given,
and then marks it partial. Both read only the stored runs over the same
workloads at the same repetitions as this one, and say so when none is
left or when the sample counts cannot reach p < 0.05. Runs with /usr/bin/python3
(Debian's matplotlib and scipy). Exit status 1 if any cell's output
differed from CPython's.
"""

import argparse
import base64
import datetime
import glob
import html
import io
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

REFERENCE_RUNTIMES = [("python3", "/usr/bin/python3"), ("pypy3", "/usr/bin/pypy3")]
BASELINE = "python3"


def sh(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def context(root):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return {
        "commit": sh("git", "-C", root, "rev-parse", "--short", "HEAD") or "unknown",
        "dirty": bool(sh("git", "-C", root, "status", "--porcelain", "--untracked-files=no")),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{platform.node()} ({cpu}, {os.cpu_count()} cores)",
        "python3": sh("/usr/bin/python3", "--version"),
        "pypy3": sh("/usr/bin/pypy3", "--version").replace("\n", " "),
        "clang (stencils)": sh("/usr/bin/clang-19", "--version").splitlines()[0]
        if sh("/usr/bin/clang-19", "--version") else "",
        "llvm": sh("/usr/lib/llvm-19/bin/llvm-config", "--version"),
    }


def median_cv(samples):
    med = statistics.median(samples)
    cv = statistics.stdev(samples) / statistics.mean(samples) if len(samples) > 1 else 0.0
    return med, cv


def run_reference(runtime, program, expected, reps):
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        p = subprocess.run([runtime, program], capture_output=True, text=True)
        elapsed = (time.perf_counter() - start) * 1000
        if p.returncode != 0 or p.stdout != expected:
            return {"error": f"{os.path.basename(runtime)}: output differs from CPython's"}
        samples.append(elapsed)
    med, cv = median_cv(samples)
    return {"samples_ms": samples, "median_ms": med, "cv": cv, "counters": {}}


def run_harness(args, programs, expected_dir, out, reps, ctx):
    """The harness on `programs`: (backends, cells); its JSON in `out`."""
    cmd = [
        args.harness,
        f"--programs={args.programs_dir}",
        f"--expected={expected_dir}",
        f"--only={','.join(programs)}",
        f"--warmup_out={out}/warmup.json",
        f"--benchmark_repetitions={reps}",
        f"--benchmark_out={out}/harness.json",
        "--benchmark_out_format=json",
        "--benchmark_format=console",
    ]
    if args.backends:
        cmd.append(f"--backends={args.backends}")
    for key, value in ctx.items():
        cmd.append(f"--context={key}={value}")
    print(f"compare: running the harness on {', '.join(programs)}", file=sys.stderr)
    # Its report of the machine (once per workload now) goes to a log beside
    # its JSON, shown when it fails.
    log_path = f"{out}/harness.log"
    with open(log_path, "w") as log:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=log)
    if p.returncode != 0:
        with open(log_path) as log:
            sys.stderr.write(log.read()[-3000:])
        sys.exit(f"compare: the harness failed (exit {p.returncode}); its log: {log_path}")
    with open(f"{out}/harness.json") as f:
        data = json.load(f)
    cells = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        program, backend = b["run_name"].split("/")[:2]
        cell = cells.setdefault(backend, {}).setdefault(program, {"samples_ms": [], "runs": []})
        if b.get("error_occurred"):
            cell["error"] = b.get("error_message", "error")
            continue
        cell["samples_ms"].append(b["real_time"])
        cell["runs"].append({k: v for k, v in b.items() if isinstance(v, (int, float))})
    for backend, by_program in cells.items():
        for program, cell in by_program.items():
            if cell.get("error") or not cell["samples_ms"]:
                cell.setdefault("error", "no samples")
                continue
            cell["median_ms"], cell["cv"] = median_cv(cell["samples_ms"])
            names = ["traces", "uops", "exits", "compile_seconds", "compile_seconds_per_uop",
                     "backend_seconds_per_uop", "code_bytes_per_uop", "first_run_seconds",
                     "first_output_seconds", "last_compile_seconds", "peak_heap_bytes",
                     "warmup_runs", "timed_compile_seconds"]
            cell["counters"] = {n: statistics.median([r.get(n, 0) for r in cell["runs"]])
                                for n in names}
            del cell["runs"]
    backends = [b for b in data["context"].get("backends", "").split(",") if b]
    return backends, cells


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def speedups(results):
    base = results["cells"].get(BASELINE, {})
    table = {}
    for column in results["columns"]:
        row = {}
        for program in results["programs"]:
            cell = results["cells"].get(column, {}).get(program, {})
            b = base.get(program, {})
            if cell.get("median_ms") and b.get("median_ms"):
                row[program] = b["median_ms"] / cell["median_ms"]
        table[column] = row
    return table


def print_table(results, table):
    columns = results["columns"]
    width = max(len(p) for p in results["programs"] + ["geometric mean"]) + 2
    # The title on a line of its own: as the first column's header it
    # pushed every column name past its numbers.
    print("speed-up over CPython 3.11 (higher is better)")
    print("program".ljust(width) + "".join(c.rjust(16) for c in columns))
    for program in results["programs"]:
        line = program.ljust(width)
        for c in columns:
            cell = results["cells"].get(c, {}).get(program, {})
            v = table[c].get(program)
            line += ("ERROR" if cell.get("error") else f"{v:.2f}x" if v else "-").rjust(16)
        print(line)
    line = "geometric mean".ljust(width)
    for c in columns:
        g = geomean(table[c].values())
        line += (f"{g:.2f}x" if g else "-").rjust(16)
    print(line)


def run_shape(run):
    """What makes two runs comparable: the same workloads and repetitions."""
    return (tuple(sorted(run["programs"])), run.get("repetitions"))


def comparable(history, results):
    """The stored runs measured like `results`: the same workload set and
    repetitions, and not marked partial."""
    return [r for r in history if run_shape(r) == run_shape(results) and not r.get("partial")]


def smallest_p(n, m):
    """The smallest two-sided p-value a Mann-Whitney U test can give for
    samples of n and m (both orders extreme, no ties)."""
    return min(1.0, 2 / math.comb(n + m, n))


def significance(results, history):
    """Cells whose samples differ from the latest comparable stored run
    beyond noise (two-sided Mann-Whitney U test, p < 0.05, and more than 3%
    apart). Returns (flags, why): `why` says, when no cell could be tested,
    what stood in the way (no comparable run, or too few samples for any
    p below 0.05)."""
    from scipy.stats import mannwhitneyu
    runs = comparable(history, results)
    if not runs:
        return [], (f"no stored run over the same {len(results['programs'])} workloads at "
                    f"{results['repetitions']} repetitions to compare with")
    previous = runs[-1]
    n = results["repetitions"]
    if smallest_p(n, previous.get("repetitions", n)) >= 0.05:
        return [], (f"{n} and {previous.get('repetitions')} samples per cell cannot reach "
                    f"p < 0.05 (the smallest possible p is "
                    f"{smallest_p(n, previous.get('repetitions', n)):.3f}); run without --quick")
    # The times of one machine only: when CPython itself moved, the machine
    # (or its load) differs, and so would every pyjit cell.
    drift = [results["cells"][BASELINE][p]["median_ms"] / previous["cells"][BASELINE][p]["median_ms"]
             for p in results["programs"]
             if results["cells"].get(BASELINE, {}).get(p, {}).get("median_ms")
             and previous["cells"].get(BASELINE, {}).get(p, {}).get("median_ms")]
    if drift and abs(geomean(drift) - 1) > 0.10:
        return [], (f"CPython itself ran {geomean(drift) - 1:+.0%} against "
                    f"{previous['context']['commit']} ({previous['context']['date']}): another "
                    f"machine or load, so times are not compared; the speed-ups over CPython "
                    f"(history chart) still are")
    flags = []
    for column, by_program in results["cells"].items():
        for program, cell in by_program.items():
            old = previous["cells"].get(column, {}).get(program, {})
            a, b = old.get("samples_ms"), cell.get("samples_ms")
            if not a or not b or len(a) < 2 or len(b) < 2:
                continue
            p = mannwhitneyu(a, b, alternative="two-sided").pvalue
            change = statistics.median(b) / statistics.median(a) - 1
            if p < 0.05 and abs(change) > 0.03:
                flags.append({"column": column, "program": program, "p": p, "change": change,
                              "against": previous["context"]["commit"]})
    return flags, f"against {previous['context']['commit']} ({previous['context']['date']})"


def load_history(history_dir):
    runs = []
    for path in sorted(glob.glob(os.path.join(history_dir, "*.json"))):
        try:
            with open(path) as f:
                runs.append(json.load(f))
        except (OSError, ValueError):
            print(f"compare: skipping unreadable history file {path}", file=sys.stderr)
    return runs


def figure_to_img(fig, chart_id, alt):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode()
    return f'<img class="chart" id="{chart_id}" alt="{alt}" src="data:image/png;base64,{data}">'


def dashboard(results, table, history, flags, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    programs = results["programs"]
    columns = [c for c in results["columns"] if c != BASELINE]
    jit_columns = [c for c in results["backends"] if c != "tier1"]
    charts = []

    # 1. Speed-up per workload per backend.
    fig, ax = plt.subplots(figsize=(max(8, len(programs) * 0.9), 4.5))
    width = 0.8 / max(1, len(columns))
    for i, c in enumerate(columns):
        xs = [k + i * width for k in range(len(programs))]
        ys = [table[c].get(p, 0) for p in programs]
        ax.bar(xs, ys, width, label=c)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks([k + width * (len(columns) - 1) / 2 for k in range(len(programs))])
    ax.set_xticklabels(programs, rotation=30, ha="right")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%.2gx"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.FormatStrFormatter("%.2gx"))
    ax.set_ylabel("speed-up over CPython 3.11 (log)")
    ax.set_title("Speed-up per workload")
    ax.legend(fontsize=8)
    charts.append(("Speed-up per workload and backend", figure_to_img(fig, "speedup", "speed-up")))

    # 2. The architecture trade-off: compile cost against speed.
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for c in jit_columns:
        per_uop = [results["cells"][c][p]["counters"]["compile_seconds_per_uop"] * 1e9
                   for p in programs if results["cells"].get(c, {}).get(p, {}).get("counters")
                   and results["cells"][c][p]["counters"]["uops"] > 0]
        g = geomean(table[c].values())
        if per_uop and g:
            x = statistics.median(per_uop)
            ax.scatter([x], [g], s=80)
            ax.annotate(c, (x, g), textcoords="offset points", xytext=(6, 6))
    ax.set_xscale("log")
    ax.set_xlabel("compile time per uop, ns (median over workloads, log)")
    ax.set_ylabel("geometric-mean speed-up over CPython")
    ax.set_title("Compile cost against steady-state speed")
    ax.grid(True, alpha=0.3)
    charts.append(("Architecture trade-off", figure_to_img(fig, "tradeoff", "trade-off")))

    # 2b. Compile cost per backend and level, from compile_benchmark on the
    # same workloads' traces (every backend compiles the same traces).
    cost = results.get("compile_cost", {})
    if cost:
        names = sorted(cost, key=lambda n: cost[n]["ns_per_uop"])
        fig, ax = plt.subplots(figsize=(7, 0.35 * len(names) + 1.2))
        values = [cost[n]["ns_per_uop"] for n in names]
        ax.barh(names, values, color="tab:orange")
        for y, v in enumerate(values):
            label = f"{v / 1000:.1f} us" if v >= 1000 else f"{v:.0f} ns"
            ax.annotate(label, (v, y), textcoords="offset points", xytext=(4, -3), fontsize=8)
        ax.set_xscale("log")
        ax.set_xlabel("compile time per uop (log): all the workloads' traces, compiled again "
                      "and again")
        n = next(iter(cost.values()))
        ax.set_title(f"Compile cost per backend and level ({int(n['traces'])} traces, "
                     f"{int(n['uops'])} uops; a bare name is the default level)")
        charts.append(("Compile cost per backend and level",
                       figure_to_img(fig, "compilecost", "compile cost")))

    # 3. Warm-up: traces ready over time, per backend, for a few workloads.
    warm = results.get("warmup", {})
    shown = [p for p in programs if any(warm.get(f"{p}/{c}") for c in jit_columns)][:4]
    if shown:
        fig, axes = plt.subplots(1, len(shown), figsize=(4 * len(shown), 3.5), squeeze=False)
        for ax, p in zip(axes[0], shown):
            for c in jit_columns:
                times = warm.get(f"{p}/{c}", [])
                if times:
                    ax.step([0] + [t * 1000 for t in times], list(range(len(times) + 1)),
                            where="post", label=c)
            ax.set_title(p)
            ax.set_xlabel("ms since start")
            ax.set_ylabel("traces compiled")
            ax.legend(fontsize=7)
        fig.suptitle("Warm-up: when each trace was ready")
        charts.append(("Warm-up curves", figure_to_img(fig, "warmup", "warm-up")))

    # 4. Code size per uop.
    fig, ax = plt.subplots(figsize=(6, 4))
    sizes = []
    for c in jit_columns:
        v = [results["cells"][c][p]["counters"]["code_bytes_per_uop"] for p in programs
             if results["cells"].get(c, {}).get(p, {}).get("counters")]
        sizes.append(statistics.median(v) if v else 0)
    ax.bar(jit_columns, sizes, color="tab:purple")
    ax.set_ylabel("machine-code bytes per uop (median)")
    ax.set_title("Code size per uop (0: an interpreter)")
    charts.append(("Code size per uop", figure_to_img(fig, "codesize", "code size")))

    # 5. History across commits.
    # Like with like only: a geometric mean over other workloads or fewer
    # repetitions is another quantity.
    runs = comparable(history, results) + [results]
    fig, ax = plt.subplots(figsize=(max(6, len(runs) * 0.8), 4))
    for c in results["columns"]:
        if c == BASELINE:
            continue
        ys = [geomean(speedups(r).get(c, {}).values()) if c in r["columns"] else None
              for r in runs]
        ax.plot(range(len(runs)), [y if y else float("nan") for y in ys], marker="o", label=c)
    ax.set_xticks(range(len(runs)))
    ax.set_xticklabels([r["context"]["commit"] + ("*" if r is results else "") for r in runs],
                       rotation=30, ha="right")
    ax.set_ylabel("geometric-mean speed-up")
    ax.set_title(f"History (* this run; runs over the same {len(programs)} workloads at "
                 f"{results['repetitions']} repetitions)")
    ax.legend(fontsize=8)
    charts.append(("History across commits", figure_to_img(fig, "history", "history")))

    rows = "".join(
        "<tr><td>{}</td>{}</tr>".format(
            p, "".join("<td>{}</td>".format(
                "error" if results["cells"].get(c, {}).get(p, {}).get("error")
                else f"{table[c][p]:.2f}x" if p in table[c] else "-")
                for c in results["columns"]))
        for p in programs)
    geo = "".join(f"<td>{geomean(table[c].values()) or 0:.2f}x</td>" for c in results["columns"])
    flag_rows = "".join(
        f"<li>{f['program']} / {f['column']}: {f['change']:+.1%} against {f['against']} "
        f"(p = {f['p']:.3f})</li>" for f in flags) or "<li>none</li>"
    ctx = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in results["context"].items())
    sections = "".join(f"<section><h2>{title}</h2>{img}</section>" for title, img in charts)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>pyjit benchmarks {results['context']['commit']}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: 4px 10px; text-align: right; }}
td:first-child, th {{ text-align: left; }}
img.chart {{ max-width: 100%; border: 1px solid #eee; }}
section {{ margin: 2em 0; }}
</style></head><body>
<h1>pyjit: backends compared</h1>
<p>Speed-up over CPython 3.11 ({BASELINE}) on each workload: median of
{len(next(iter(next(iter(results['cells'].values())).values())).get('samples_ms', [])) or '?'} runs.
pyjit cells are timed in process by the Google Benchmark harness, in the steady
state: after warm-up runs of the program until one compiles nothing new; the reference
runtimes as whole processes (their start-up, about 15-50 ms, is included).</p>
<table id="speedup-table"><tr><th>workload</th>{''.join(f'<th>{c}</th>' for c in results['columns'])}</tr>
{rows}<tr><th>geometric mean</th>{geo}</tr></table>
<h2>Changes beyond noise since the last comparable stored run</h2>
<p id="significance-against">{html.escape(results.get("significance_against", ""))}</p>
<ul id="significant">{flag_rows}</ul>
{sections}
<h2>Context</h2><table id="context">{ctx}</table>
</body></html>
"""
    with open(os.path.join(out, "index.html"), "w") as f:
        f.write(page)


def run_compile_benchmark(args, programs, backends):
    """compile_benchmark over these workloads' traces: per backend and level
    (compile/<backend>[_<variant>]), ns per uop and code bytes per uop."""
    print("compare: timing each backend's compile (compile_benchmark)", file=sys.stderr)
    cmd = [args.compile_benchmark, "--benchmark_format=json"]
    if args.quick:
        cmd.append("--benchmark_min_time=0.05")
    cmd += [os.path.join(args.programs_dir, p + ".py") for p in programs]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=args.root)
    if proc.returncode != 0:
        print(f"compare: compile_benchmark failed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
        return {}
    cost = {}
    for b in json.loads(proc.stdout).get("benchmarks", []):
        name = b["name"].split("compile/", 1)[-1]
        base = name.split("_O")[0].split("_stack")[0].split("_without")[0].split("_batch")[0]
        if base not in backends or "time_per_uop" not in b:
            continue
        cost[name] = {"ns_per_uop": b["time_per_uop"] * 1e9,
                      "code_bytes_per_uop": b.get("code_bytes_per_uop", 0),
                      "traces": b.get("traces", 0), "uops": b.get("uops", 0)}
    return cost


def main():
    ap = argparse.ArgumentParser(prog="pyjit compare", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 repetitions (for CI)")
    ap.add_argument("--out", default="benchmarks/out", help="where to write (default %(default)s)")
    ap.add_argument("--backends", default="", help="pyjit backends (default: all available)")
    ap.add_argument("--programs", default="", help="workload names (default: all)")
    ap.add_argument("--record", action="store_true", help="store the results in the history")
    ap.add_argument("--record-partial", action="store_true",
                    help="with --record: store a --quick or partial run, marked partial")
    ap.add_argument("--harness", required=True, help=argparse.SUPPRESS)
    ap.add_argument("--compile-benchmark", default="", help=argparse.SUPPRESS)
    ap.add_argument("--root", required=True, help=argparse.SUPPRESS)
    args = ap.parse_args()

    args.programs_dir = os.path.join(args.root, "benchmarks", "programs")
    available = sorted(os.path.basename(p)[:-3]
                       for p in glob.glob(os.path.join(args.programs_dir, "*.py")))
    programs = [p for p in args.programs.split(",") if p] or available
    unknown = [p for p in programs if p not in available]
    if unknown:
        print(f"pyjit: unknown program(s) {', '.join(unknown)}; known: {', '.join(available)}",
              file=sys.stderr)
        return 2
    reps = 2 if args.quick else 5
    partial = []
    if args.quick:
        partial.append(f"--quick ({reps} repetitions)")
    if set(programs) != set(available):
        partial.append(f"{len(programs)} of {len(available)} workloads")
    if args.backends:
        partial.append(f"backends {args.backends}")
    if args.record and partial and not args.record_partial:
        print(f"pyjit: --record stores whole runs only (every workload and backend, 5 "
              f"repetitions), which the history and the significance test compare; this one "
              f"is partial ({'; '.join(partial)}): add --record-partial to store it marked so",
              file=sys.stderr)
        return 2
    out = args.out
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)

    expected = {}
    for p in programs:
        proc = subprocess.run(["/usr/bin/python3", os.path.join(args.programs_dir, p + ".py")],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"compare: CPython failed on {p}: {proc.stderr.strip()[-300:]}")
        expected[p] = proc.stdout
        with open(os.path.join(out, "expected", p + ".out"), "w") as f:
            f.write(proc.stdout)

    ctx = context(args.root)
    for key, value in ctx.items():
        print(f"{key}: {value}", file=sys.stderr)
    references = []
    for name, path in REFERENCE_RUNTIMES:
        if os.path.exists(path):
            references.append((name, path))
        else:
            print(f"compare: {name} is not installed; its column is left out", file=sys.stderr)
    # One workload at a time (the module's docstring says why); the
    # harness's files of each go under harness/ and are merged.
    backends, cells, warmup, harness_runs = [], {}, {}, []
    for p in programs:
        part = os.path.join(out, "harness", p)
        os.makedirs(part, exist_ok=True)
        backends, part_cells = run_harness(args, [p], os.path.join(out, "expected"), part, reps,
                                           ctx)
        for column, by_program in part_cells.items():
            cells.setdefault(column, {}).update(by_program)
        for name, path in references:
            print(f"compare: timing {name} on {p}", file=sys.stderr)
            cells.setdefault(name, {})[p] = run_reference(
                path, os.path.join(args.programs_dir, p + ".py"), expected[p], reps)
        try:
            with open(os.path.join(part, "warmup.json")) as f:
                warmup.update(json.load(f))
        except (OSError, ValueError):
            pass
        with open(os.path.join(part, "harness.json")) as f:
            harness_runs.append(json.load(f))
    merged = dict(harness_runs[0], benchmarks=[b for run in harness_runs for b in run["benchmarks"]])
    with open(os.path.join(out, "harness.json"), "w") as f:
        json.dump(merged, f, indent=1)
    references = [name for name, _ in references]
    compile_cost = {}
    if args.compile_benchmark:
        compile_cost = run_compile_benchmark(args, programs, backends)
    results = {"context": ctx, "programs": programs, "backends": backends,
               "columns": backends + references, "cells": cells, "warmup": warmup,
               "repetitions": reps, "compile_cost": compile_cost,
               "partial": "; ".join(partial)}

    history_dir = os.path.join(args.root, "benchmarks", "history")
    history = load_history(history_dir)
    flags, flags_against = significance(results, history)
    results["significant_changes"] = flags
    results["significance_against"] = flags_against
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    table = speedups(results)
    print_table(results, table)
    dashboard(results, table, history, flags, out)
    print(f"compare: wrote {out}/index.html, {out}/results.json, {out}/harness.json")
    if args.record:
        os.makedirs(history_dir, exist_ok=True)
        print(f"compare: recorded in {history_dir}" +
              (f" as a partial run ({results['partial']})" if results["partial"] else ""),
              file=sys.stderr)
        stamp = ctx["date"].replace(":", "").replace("-", "")
        shutil.copy(os.path.join(out, "results.json"),
                    os.path.join(history_dir, f"{stamp}-{ctx['commit']}.json"))
    failed = [(c, p) for c, by in cells.items() for p, cell in by.items() if cell.get("error")]
    for c, p in failed:
        print(f"compare: {p} / {c}: {cells[c][p]['error']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
