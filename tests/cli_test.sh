#!/bin/bash
# The command line as a user meets it: exit statuses and messages for bad
# flags, unknown backends and missing files, and the tier-2 commands.
pyjit=$1
program=$2   # a loop-heavy program
failures=0

expect() {  # expect STATUS PATTERN -- ARGS...
  local status=$1 pattern=$2
  shift 3
  local out
  out=$("$pyjit" "$@" 2>&1)
  local got=$?
  if [[ $got != "$status" ]] || ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL: pyjit $*: exit $got (want $status), output:"
    echo "$out" | head -5
    failures=$((failures + 1))
  else
    echo "ok: pyjit $*"
  fi
}

expect 2 "--jit-threshold expects a whole number" -- run --jit-threshold=x "$program"
expect 2 "--jit-threshold expects a whole number" -- run --jit-threshold=0 "$program"
expect 2 "unknown or malformed flag '--bogus'" -- run --bogus "$program"
expect 2 "--function-traces expects on or off, not 'yes'" -- run --function-traces=yes "$program"
expect 2 "--perf expects map, jitdump or map,jitdump, not 'perf'" -- run --perf=perf "$program"
expect 2 "--gdb-jit expects auto, on or off, not 'yes'" -- run --gdb-jit=yes "$program"
expect 2 "--sample-every-us expects a whole number of at least 10, not '5'" -- profile --sample-every-us=5 "$program"
expect 2 "^pyjit: usage: pyjit profile FILE.py --backend=A" -- profile "$program"
# A bad name among several is refused before any of them runs.
expect 2 "^pyjit: unknown backend 'nope'" -- profile --backend=interp,nope "$program"
expect 0 "^ +tier1 +interp\$" -- profile --backend=tier1,interp "$program"
expect 0 "traces made: [1-9][0-9]* \\([1-9][0-9]* function entries," -- run --backend=interp --function-traces=on --jit-threshold=1 --stats "$program"
expect 2 "unknown backend 'nope'; known backends: tier1, (.*, )?interp" -- run --backend=nope "$program"
expect 2 "^pyjit: can't open file 'missing.py': \\[Errno 2\\]" -- run missing.py
expect 2 "^pyjit: can't run '.*': it is a directory" -- run "$(dirname "$program")"
expect 2 "^pyjit: can't run '.*': it is a directory" -- disasm "$(dirname "$program")"
expect 2 "--quicken expects on or off, not 'maybe'" -- run --quicken=maybe "$program"
expect 2 "--background-compile expects on or off, not 'later'" -- run --background-compile=later "$program"
expect 2 "--background-compile=on applies to --policy=tiered and adaptive, whose second backend recompiles hot traces" -- run --background-compile=on "$program"
# After a run, the loop's instructions are tier 1's specialized forms; with
# quickening off, or without the run, they are the bytecode as compiled.
expect 0 "^ +[0-9]+ +[0-9]+  FOR_ITER_RANGE " -- disasm --after-run "$program"
expect 0 "^ +[0-9]+ +[0-9]+  FOR_ITER " -- disasm --after-run --quicken=off "$program"
expect 0 "^ +[0-9]+ +[0-9]+  FOR_ITER " -- disasm "$program"
expect 2 "unknown command 'frob'" -- frob
expect 0 "^interp: available" -- backends
expect 0 "^trace .* head=@[0-9]+ depth=[0-9]+" -- dump-ir "$program"
expect 0 "JUMP_TO_TOP" -- dump-ir --no-optimize --jit-threshold=1 "$program"
expect 0 "^machine code \(copy_and_patch, [0-9]+ bytes\)" -- dump-ir --backend=copy_and_patch "$program"
expect 0 "code: [0-9]+ bytes" -- run --backend=copy_and_patch --stats "$program"
expect 0 "traces made: [1-9]" -- run --backend=interp --stats "$program"
expect 0 "IR pass types: guards removed [1-9]" -- run --backend=interp --stats "$program"
expect 0 "IR pass peel: [1-9][0-9]* of" -- run --backend=interp --stats "$program"
expect 0 "IR pass peel: 0 of" -- run --backend=interp --ir-passes=types,fold --stats "$program"
expect 0 "IR passes none" -- run --backend=interp --no-optimize --stats "$program"
expect 2 "--ir-passes: unknown IR pass 'bogus' \\(passes: peel,types,fold,globals; or all, none\\)" -- run --ir-passes=peel,bogus "$program"
expect 2 "--llvm-opt expects 0, 1, 2 or 3, not '7'" -- run --backend=llvm --llvm-opt=7 "$program"
expect 2 "--llvm-opt applies to --backend=llvm only" -- run --backend=interp --llvm-opt=1 "$program"
expect 2 "backend 'llvm' has no option 'bogus'" -- run --backend=llvm --llvm-bogus=1 "$program"
expect 2 "--llvm-codegen expects 0, 1, 2 or 3, not '4'" -- run --backend=llvm --llvm-codegen=4 "$program"
# A hand pipeline with a bare instcombine (LLVM 19 would abort when it
# misses its fixpoint, as it does on these traces) runs to the end.
expect 0 "^11$" -- run --backend=llvm --jit-threshold=1 --compile-share=unlimited --llvm-passes="always-inline,function(sroa,early-cse,instcombine,simplifycfg,gvn,instcombine)" "$program"
expect 0 "^llvm's listing:" -- dump-ir --backend=llvm "$program"
expect 0 "^asmjit's listing:" -- dump-ir --backend=asmjit "$program"
expect 0 "llvm -O3: per uop [0-9]+ ns building IR" -- run --backend=llvm --llvm-opt=3 --compile-share=unlimited --stats "$program"
# The compile budget (default 0.4): a short program is not worth llvm's
# compile; lifted, every hot loop is compiled.
expect 0 "compile budget: 0.40 s of compiling per s of running" -- run --backend=llvm --stats "$program"
expect 0 "compile budget: unlimited" -- run --backend=llvm --compile-share=unlimited --stats "$program"
expect 2 "--compile-share expects a positive number or 'unlimited', not '-1'" -- run --compile-share=-1 "$program"
expect 2 "--asmjit-register-locals takes 0 or 1, not '2'" -- run --backend=asmjit --asmjit-register-locals=2 "$program"
expect 0 "traces with locals in registers" -- run --backend=asmjit --stats "$program"
# A compile that fails inside asmjit (an instruction it cannot encode, on
# purpose) leaves the trace to interp: same output, the fallback counted.
expect 0 "run by interp after the backend failed: [1-9]" -- run --backend=asmjit --asmjit-inject-error=1 --jit-threshold=1 --compile-share=unlimited --stats "$program"
if [[ "$("$pyjit" run --backend=asmjit --asmjit-inject-error=1 --jit-threshold=1 --compile-share=unlimited "$program")" != \
      "$("$pyjit" run --backend=tier1 "$program")" ]]; then
  echo "FAIL: the fallback after a failed asmjit compile changed the output"
  failures=$((failures + 1))
fi
# What the source cannot show to be outside the subset stops when it runs,
# saying pyjit lacks it (exit 2, as a refusal), after the output before it.
scratch=$(mktemp -d)
printf 'print("before")\ns = "ab"\nprint(s.title())\n' > "$scratch/str_method.py"
printf 'if False:\n    frozenset = 1\nprint(frozenset([2, 1]))\n' > "$scratch/builtin.py"
expect 2 "^pyjit: str.title is not supported by pyjit's Python subset \(CPython has it\)" -- run "$scratch/str_method.py"
expect 2 "^before" -- run "$scratch/str_method.py"
expect 2 "^pyjit: the builtin 'frozenset' is not supported" -- run "$scratch/builtin.py"
# Output to a closed pipe ends as CPython's does (BrokenPipeError, exit 1,
# no death by SIGPIPE); to a full device, with an error, not exit 0.
printf 'for i in range(100000):\n    print(i)\n' > "$scratch/many_lines.py"
set -o pipefail
"$pyjit" run "$scratch/many_lines.py" 2>"$scratch/pipe_err.txt" | head -1 > /dev/null
pipe_status=${PIPESTATUS[0]}
set +o pipefail
if [[ $pipe_status != 1 ]] || ! grep -q "BrokenPipeError" "$scratch/pipe_err.txt"; then
  echo "FAIL: a closed pipe: exit $pipe_status (want 1), stderr: $(tail -1 "$scratch/pipe_err.txt")"
  failures=$((failures + 1))
else
  echo "ok: a closed pipe ends with BrokenPipeError, exit 1"
fi
if "$pyjit" run "$scratch/many_lines.py" > /dev/full 2>"$scratch/full_err.txt"; then
  echo "FAIL: writing to /dev/full exited 0"
  failures=$((failures + 1))
elif ! grep -q "No space left on device" "$scratch/full_err.txt"; then
  echo "FAIL: writing to /dev/full: $(tail -1 "$scratch/full_err.txt")"
  failures=$((failures + 1))
else
  echo "ok: writing to /dev/full is an error"
fi
rm -rf "$scratch"

if "$pyjit" backends | grep -q "^mir: available"; then
  expect 2 "--mir-opt expects 0, 1, 2 or 3, not '5'" -- run --backend=mir --mir-opt=5 "$program"
  expect 0 "^mir's listing:" -- dump-ir --backend=mir "$program"
  expect 0 "run by interp after the backend failed: [1-9]" -- run --backend=mir --mir-inject-error=1 --jit-threshold=1 --compile-share=unlimited --stats "$program"
else
  expect 0 "^mir: unavailable: MIR not found under" -- backends
  echo "SKIPPED: the mir checks: $("$pyjit" backends | grep '^mir:')"
fi
# A traceback names the script as CPython 3.11 does: the working directory
# joined to the path as given.
pyjit_abs=$(cd "$(dirname "$pyjit")" && pwd)/$(basename "$pyjit")
work=$(mktemp -d)
mkdir -p "$work/sub"
printf 'def f(x):\n    return 1 // x\n\n\nprint(f(0))\n' >"$work/sub/err.py"
want=$(cd "$work" && /usr/bin/python3 -I ./sub/../sub/err.py 2>&1 | grep '^  File')
got=$(cd "$work" && "$pyjit_abs" run ./sub/../sub/err.py 2>&1 | grep '^  File')
if [[ -n $want && $got == "$want" ]]; then
  echo "ok: traceback paths as CPython's"
else
  echo "FAIL: traceback paths: got"
  echo "$got"
  echo "want"
  echo "$want"
  failures=$((failures + 1))
fi
rm -rf "$work"

exit $((failures > 0))
