#!/bin/bash
# The tiering policies as a user drives them: each run must print what
# CPython printed (tests/expected, made by make_expected.sh) and --stats must
# show the decision the run was set up to force.
#   policy_test.sh PYJIT EXPECTED_DIR PROGRAMS_DIR
pyjit=$1
expected=$2
programs=$3
failures=0

check() {  # check PROGRAM DECISION_PATTERN -- FLAGS...
  local name=$1 pattern=$2
  shift 3
  local want got stats
  want=$(sed '1,/^--- stdout$/d' "$expected/$name.expected")
  stats=$(mktemp)
  # Each decision is forced with low thresholds on small programs; the
  # compile budget would put most compiles off, so it is lifted unless the
  # check is about it.
  local budget=(--compile-share=unlimited)
  if [[ " $* " == *" --compile-share="* ]]; then budget=(); fi
  got=$("$pyjit" run "$@" "${budget[@]}" --stats "$programs/$name.py" 2>"$stats")
  if [[ "$got" != "$want" ]]; then
    echo "FAIL: pyjit run $* $name.py printed something else than CPython"
    failures=$((failures + 1))
  elif ! grep -qE -- "$pattern" "$stats"; then
    echo "FAIL: pyjit run $* $name.py: no '$pattern' in:"
    grep -E "decisions|compiled by|traces made" "$stats"
    failures=$((failures + 1))
  else
    echo "ok: $name.py $*: $(grep -oE -- "$pattern" "$stats" | head -1)"
  fi
  rm -f "$stats"
}

# A branch that flips half-way: a side trace from the hot exit, or, with
# side traces off, the trace is invalidated and the loop retraced.
check branch_flips_halfway "[1-9][0-9]* side traces" -- --backend=asmjit --jit-threshold=2 --hot-exit=4
check branch_flips_halfway "[1-9][0-9]* invalidated, [1-9][0-9]* retraced" -- --backend=asmjit --jit-threshold=2 --hot-exit=0
check branch_flips_halfway "[1-9][0-9]* side traces" -- --backend=copy_and_patch --jit-threshold=1 --hot-exit=2
# A tiny code budget: loops are evicted and retraced, the output unchanged.
check many_loops "[1-9][0-9]* evicted \(budget 1500 bytes\)" -- --backend=asmjit --jit-threshold=2 --code-budget=1500
check many_loops "[1-9][0-9]* evicted \(budget 4000 bytes\)" -- --backend=copy_and_patch --jit-threshold=2 --code-budget=4000
# tiered and adaptive move hot traces to the optimizing backend.
check nested_hot_inner "[1-9][0-9]* recompiled by a better backend" -- --policy=tiered --jit-threshold=2 --tiered-promote-entries=8
check nested_hot_inner "compiled by: copy_and_patch [0-9]+, llvm [1-9]" -- --policy=adaptive --jit-threshold=2
# A loop entered once: its trace comes out at the back edge for a look.
check one_long_loop "1 recompiled by a better backend" -- --policy=tiered --jit-threshold=2 --tiered-promote-entries=4
check one_long_loop "compiled by: copy_and_patch 1, llvm 1" -- --policy=adaptive --jit-threshold=2
check many_loops "[1-9][0-9]* recompiled by a better backend" -- --policy=tiered --backend=asmjit --optimizing-backend=llvm --jit-threshold=1 --tiered-promote-entries=2 --hot-exit=2
# A backend that fails (asmjit told to emit an instruction it cannot
# encode): interp runs the traces, or, if told so, the loops stay in tier 1.
check many_loops "run by interp after the backend failed: [1-9]" -- --backend=asmjit --asmjit-inject-error=1 --jit-threshold=2
check many_loops "[1-9][0-9]* blacklisted" -- --backend=asmjit --asmjit-inject-error=1 --jit-threshold=2 --on-compile-failure=blacklist
# The compile budget: loops that are hot only briefly are not worth an
# expensive compile, under the default settings.
check brief_loops "compiles deferred: [1-9]" -- --backend=llvm --compile-share=0.4
check brief_loops "compiled by: none" -- --backend=llvm --compile-share=0.4
check brief_loops "compiled by: llvm [1-9]" -- --backend=llvm --compile-share=1e9
# Recursion: compiled code calls a traced function's machine code directly
# (and the side trace linked at its hot exit), on every backend that makes
# machine code, and on the optimizing tier once tiered has promoted it.
for backend in asmjit copy_and_patch llvm mir; do
  if "$pyjit" backends | grep -q "^$backend: unavailable"; then
    echo "SKIP: $backend is unavailable here"
    continue
  fi
  check recursion_compiled_to_limit "calls run directly to the return: [1-9][0-9]*" -- --backend=$backend
done
check recursion_compiled_to_limit "calls run directly to the return: [1-9][0-9]*" -- --policy=tiered --tiered-promote-entries=8
# interp holds no machine code: its function traces go through TierUp.
check recursion_compiled_to_limit "calls run directly to the return: 0$" -- --backend=interp

# Exits linked in machine code: the code of a trace goes on into the trace
# linked at its exit (a side trace, an outer loop's) with a tail call;
# mir's code cannot tail-call, so RunLinked calls the next one.
for backend in asmjit copy_and_patch llvm mir; do
  if "$pyjit" backends | grep -q "^$backend: unavailable"; then
    echo "SKIP: $backend is unavailable here"
    continue
  fi
  followed="[1-9][0-9]* followed in machine code, 0 by RunLinked"
  if [[ $backend == mir ]]; then followed="0 followed in machine code, [1-9][0-9]* by RunLinked"; fi
  check linked_exits_long_runs "$followed" -- --backend=$backend
done
# Across backends: copy_and_patch's traces and llvm's link to each other.
check linked_exits_long_runs "[1-9][0-9]* followed in machine code" -- --policy=tiered --tiered-promote-entries=8

# Inlining: a loop's trace follows its calls into the callees on every
# backend (the projector decides, so each backend compiles inlined calls);
# a call whose trace keeps leaving inside the callee is inlined no more.
for backend in interp asmjit copy_and_patch llvm mir; do
  if "$pyjit" backends | grep -q "^$backend: unavailable"; then
    echo "SKIP: $backend is unavailable here"
    continue
  fi
  check inline_builtins_and_methods "calls inlined: [1-9]" -- --backend=$backend
  check inline_exits_rebuild_frames "no longer inlined \\(left inside too often\\): [1-9]" -- --backend=$backend
  # Hot exits inside an inlined call get side traces that start inside it:
  # the call stays inlined.
  check inline_branchy_callee "side traces from inside them: [1-9]" -- --backend=$backend
done

# Bad policy flags are refused with exit status 2.
for bad in "--compile-share=0" "--compile-share=x" "--policy=greedy" "--code-budget=x" "--hot-exit=-1" "--on-compile-failure=retry" "--look-every=0" "--policy=tiered --backend=tier1"; do
  # shellcheck disable=SC2086
  "$pyjit" run $bad "$programs/many_loops.py" >/dev/null 2>&1
  status=$?
  if [[ $status != 2 ]]; then
    echo "FAIL: pyjit run $bad: exit $status, want 2"
    failures=$((failures + 1))
  else
    echo "ok: pyjit run $bad is refused"
  fi
done
exit $((failures > 0))
