// Loop peeling: a trace that loops becomes its first iteration, run once,
// followed by the loop body (Trace::loop_start). JUMP_TO_TOP goes back to
// the body, which is entered only from the first iteration and from
// itself, so what holds at both (LoopHeadFacts) holds at the body's start:
// a local that the first iteration proved an int, and every iteration
// stores an int, needs no guard in the body. The optimizer's type
// propagation then removes what those facts prove.
//
// The first iteration's back edge is dropped (it falls into the body), so
// the collector's and the policy's look at the back edge (JUMP_TO_TOP)
// comes from the second iteration on. Every uop keeps its pc and exit:
// an exit from the first iteration is the same exit as the body's, with
// the frame tier 1 would have.
//
// Peeling doubles what a backend compiles, so a loop is peeled only when
// the facts at the body's start prove a guard or an unbound check that
// one iteration alone does not.
#ifndef PYJIT_IR_LOOP_PEELING_H_
#define PYJIT_IR_LOOP_PEELING_H_

#include "ir/trace.h"

namespace pyjit {

// The peeled trace, or `trace` itself (and *peeled false) when it does not
// loop, is already peeled, or would gain nothing.
Trace PeelLoop(const Trace& trace, bool* peeled);

}  // namespace pyjit

#endif  // PYJIT_IR_LOOP_PEELING_H_
