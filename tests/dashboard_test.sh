#!/bin/bash
# The comparison end to end on one small cell set: the harness, the
# reference runtimes, the table, and the dashboard, which headless Chromium
# must render with every chart drawn.
set -uo pipefail
harness=$1
compare=$2
compile_benchmark=$3
root=$PWD  # the runfiles tree holds benchmarks/programs
out=${TEST_TMPDIR:-/tmp}/compare
fail() { echo "FAIL: $*"; exit 1; }

/usr/bin/python3 "$compare" --root="$root" --harness="$harness" --quick \
  --compile-benchmark="$root/$compile_benchmark" \
  --programs=int_loops --backends=tier1,copy_and_patch --out="$out" > "$out.table" 2> "$out.log" \
  || { cat "$out.log"; fail "compare failed"; }
cat "$out.table"
grep -qE "^int_loops +[0-9.]+x +[0-9.]+x +1.00x" "$out.table" || fail "no int_loops row with speed-ups"
grep -qE "^geometric mean" "$out.table" || fail "no geometric-mean row"
# Each column's name ends where its numbers end.
/usr/bin/python3 - "$out.table" <<'PY' || fail "the table's columns do not line up"
import sys
lines = open(sys.argv[1]).read().splitlines()
head = next(l for l in lines if l.startswith("program"))
row = next(l for l in lines if l.startswith("int_loops"))
names = head.split()[1:]
for name in names:
    end = head.index(name) + len(name)
    cell = row[:end].split()[-1] if len(row) >= end else ""
    if not row[:end].endswith(cell) or row[end:end + 1] not in ("", " ") or not cell.endswith("x"):
        sys.exit(f"column {name!r} ends at {end}, its number does not: {row!r}")
print("columns line up:", " ".join(names))
PY
[[ -s $out/harness.json && -s $out/results.json ]] || fail "missing JSON results"
# The steady state: warm-up went on until a run compiled nothing, so the
# timed run of a fixed backend compiles nothing.
/usr/bin/python3 - "$out/results.json" <<'PY' || fail "the timed run is not the steady state"
import json, sys
c = json.load(open(sys.argv[1]))["cells"]["copy_and_patch"]["int_loops"]["counters"]
print("copy_and_patch int_loops: traces", c["traces"], "warm-up runs", c["warmup_runs"],
      "compiling in the timed run", c["timed_compile_seconds"])
if not (c["traces"] > 0 and c["warmup_runs"] >= 2 and c["timed_compile_seconds"] == 0):
    sys.exit(1)
PY

chrome_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$out/chromium" --window-size=1300,3200)
timeout 120 chromium "${chrome_flags[@]}" --screenshot="$out/dashboard.png" \
  "file://$out/index.html" > /dev/null 2>&1
timeout 120 chromium "${chrome_flags[@]}" --dump-dom "file://$out/index.html" \
  > "$out/dom.html" 2> /dev/null
[[ -s $out/dashboard.png ]] || fail "Chromium made no screenshot"

/usr/bin/python3 - "$out/dashboard.png" "$out/dom.html" <<'PY' || exit 1
import sys
from html.parser import HTMLParser
from PIL import Image

png, dom = sys.argv[1], sys.argv[2]
img = Image.open(png).convert("RGB")
small = img.resize((260, 640))
pixels = list(small.getdata())
colors = len(set(pixels))
ink = sum(1 for p in pixels if sum(p) < 700) / len(pixels)
print(f"screenshot {img.size}: {colors} colours, {ink:.1%} non-white")
if colors < 40 or ink < 0.03:
    sys.exit("FAIL: the dashboard rendered blank")

class Charts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self.loaded_tables = {}, set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and a.get("class") == "chart":
            self.charts[a.get("id")] = a.get("src", "")
        if tag == "table" and a.get("id"):
            self.loaded_tables.add(a["id"])

parser = Charts()
parser.feed(open(dom).read())
print("charts:", sorted(parser.charts), "tables:", sorted(parser.loaded_tables))
for chart in ["speedup", "tradeoff", "compilecost", "warmup", "codesize", "history"]:
    src = parser.charts.get(chart, "")
    if not src.startswith("data:image/png;base64,") or len(src) < 2000:
        sys.exit(f"FAIL: chart {chart} missing or empty")
for table in ["speedup-table", "context"]:
    if table not in parser.loaded_tables:
        sys.exit(f"FAIL: table {table} missing")
print("ok: dashboard rendered with every chart")
PY
