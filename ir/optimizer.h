// The optimizer: passes over a trace, in this order, each one switchable
// (`--ir-passes=LIST`; `--no-optimize` turns them all off):
//  - peel: a trace that loops gets its first iteration as a copy before
//    the loop body, so what that iteration proves and every iteration keeps
//    holds throughout the body (ir/loop_peeling.h);
//  - types: type propagation over ir/tag_facts.h's rules: a guard whose
//    check is already known to hold (from an earlier guard, a constant, a
//    specialized result, or in a peeled body the facts at its start) is
//    removed, and a LOAD_FAST of a local known to be bound becomes
//    LOAD_FAST_BOUND (no unbound check, no exit);
//  - fold: int arithmetic and comparisons on constants become constants,
//    and a branch guard on a folded constant disappears;
//  - globals: in a peeled loop that cannot rebind a global, the body's
//    re-checks of what the first iteration checked about it go (callee and
//    module guards on its value, a builtin's not-shadowed check)
//    (ir/loop_globals.h).
// Every removal is exact under deoptimization: a uop goes only when what
// it checks holds on every path that reaches it, and the uops that remain
// keep their exits.
#ifndef PYJIT_IR_OPTIMIZER_H_
#define PYJIT_IR_OPTIMIZER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ir/trace.h"

namespace pyjit {

// The passes, in the order they run: X(name, what it does).
#define PJ_IR_PASSES(X)                                                  \
  X(peel, "peel a loop's first iteration; its facts hold in the body")    \
  X(types, "remove guards and unbound checks that facts already prove")   \
  X(fold, "fold int constants, and branches on them")                       \
  X(globals, "drop a loop body's re-checks of globals the loop cannot rebind")

struct OptimizerOptions {
#define PJ_IR_PASS_FIELD(name, what) bool name = true;
  PJ_IR_PASSES(PJ_IR_PASS_FIELD)
#undef PJ_IR_PASS_FIELD

  static OptimizerOptions None();
};

// "all", "none", or a comma-separated list of pass names; the error names
// the pass it does not know and lists the ones it does.
absl::StatusOr<OptimizerOptions> ParseIrPasses(absl::string_view list);
// The passes `options` runs, as ParseIrPasses reads them ("none" if none).
std::string IrPassList(const OptimizerOptions& options);

struct OptimizerStats {
  int loops = 0;         // traces that loop
  int loops_peeled = 0;
  int guards_before = 0;  // in the traces the optimizer was given (peeled)
  int guards_removed = 0;
  int loads_before = 0;  // LOAD_FASTs, each with an unbound check
  int unbound_checks_removed = 0;
  int constants_folded = 0;
  int global_rechecks_removed = 0;

  OptimizerStats& operator+=(const OptimizerStats& o) {
    loops += o.loops;
    loops_peeled += o.loops_peeled;
    guards_before += o.guards_before;
    guards_removed += o.guards_removed;
    loads_before += o.loads_before;
    unbound_checks_removed += o.unbound_checks_removed;
    constants_folded += o.constants_folded;
    global_rechecks_removed += o.global_rechecks_removed;
    return *this;
  }
};

Trace OptimizeTrace(const Trace& trace, const OptimizerOptions& options, OptimizerStats* stats);

}  // namespace pyjit

#endif  // PYJIT_IR_OPTIMIZER_H_
