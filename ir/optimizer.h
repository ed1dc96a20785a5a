// Optimizer passes over a trace, all optional (--no-optimize):
//  - type propagation: a guard whose check is already known to hold (from an
//    earlier guard, a constant or a specialized result in the same
//    iteration) is removed;
//  - constant folding: int arithmetic and comparisons on constants become
//    constants, and a branch guard on a folded constant disappears.
#ifndef PYJIT_IR_OPTIMIZER_H_
#define PYJIT_IR_OPTIMIZER_H_

#include "ir/trace.h"

namespace pyjit {

struct OptimizerStats {
  int guards_before = 0;
  int guards_removed = 0;
  int constants_folded = 0;
};

Trace OptimizeTrace(const Trace& trace, OptimizerStats* stats);

}  // namespace pyjit

#endif  // PYJIT_IR_OPTIMIZER_H_
