// Globals a loop cannot rebind: what the first iteration checked about
// them holds in every later one.
//
// In a peeled trace (ir/loop_peeling.h) the body is entered only after
// the first iteration ran every one of its uops. When no uop of the trace
// stores global k and none escapes into the runtime (which could run
// Python code that rebinds it), global k holds the same value on every
// iteration, so in the body
//  - a GUARD_CALLEE_CODE, GUARD_CALLEE_BUILTIN or GUARD_MODULE_IS on the
//    value LOAD_GLOBAL k pushed goes when the first iteration made the same
//    guard (same operand) on the same global (the recursion room that
//    GUARD_CALLEE_CODE also checks cannot change either: inlined calls
//    push no frames, and a trace that calls has an escaping uop);
//  - a LOAD_GLOBAL_BUILTIN k, whose only check is that no global shadows
//    the builtin, becomes a LOAD_CONST of the builtin when the first
//    iteration made the same check.
// Nothing else changes, so every exit keeps tier 1's state.
#ifndef PYJIT_IR_LOOP_GLOBALS_H_
#define PYJIT_IR_LOOP_GLOBALS_H_

#include "ir/trace.h"

namespace pyjit {

// Rewrites `trace`'s body as above; returns how many uops it removed or
// made constant loads.
int DropRecheckedGlobals(Trace& trace);

}  // namespace pyjit

#endif  // PYJIT_IR_LOOP_GLOBALS_H_
