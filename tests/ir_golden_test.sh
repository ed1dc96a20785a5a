#!/bin/bash
# Golden tests of the IR text: `pyjit dump-ir` on each tests/ir_golden/*.py
# must print exactly the traces in the .ir file next to it. After an
# intended change to projection or optimization, regenerate with
#   for f in tests/ir_golden/*.py; do ./pyjit dump-ir $f > ${f%.py}.ir; done
# and review the diff.
pyjit=$1
shift
status=0
for program in "$@"; do
  golden=${program%.py}.ir
  if ! diff -u "$golden" <("$pyjit" dump-ir "$program"); then
    echo "FAIL: $program: traces differ from $golden" >&2
    status=1
  else
    echo "ok: $program"
  fi
done
exit $status
