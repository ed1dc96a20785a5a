#!/bin/bash
# Runs each program under CPython and records what it did: its exit status,
# the last line it wrote to stderr, all of stderr (the traceback), and
# everything it wrote to stdout. This
# is the differential suite's oracle; nothing in it is typed in by hand.
#   make_expected.sh OUT_DIR PROGRAM.py...
set -u
out_dir=$1
shift
python=/usr/bin/python3
for program in "$@"; do
  name=$(basename "$program" .py)
  stdout=$(mktemp)
  stderr=$(mktemp)
  "$python" -I "$program" >"$stdout" 2>"$stderr"
  status=$?
  {
    echo "exit: $status"
    echo "stderr: $(tail -n 1 "$stderr")"
    echo "--- stderr"
    cat "$stderr"
    # (a last line without its newline would run into the marker)
    if [[ -s $stderr && -n $(tail -c 1 "$stderr") ]]; then echo; fi
    echo "--- stdout"
    cat "$stdout"
  } >"$out_dir/$name.expected"
  rm -f "$stdout" "$stderr"
done
