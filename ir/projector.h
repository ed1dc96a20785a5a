// Trace projection: from a hot loop head, follow the likeliest path through
// tier-1 bytecode, as its type and branch feedback recorded it, and emit
// uops: guards where feedback predicts a type, specialized uops after them,
// generic uops (runtime calls) elsewhere.
#ifndef PYJIT_IR_PROJECTOR_H_
#define PYJIT_IR_PROJECTOR_H_

#include <vector>

#include "absl/status/statusor.h"
#include "ir/trace.h"
#include "runtime/code.h"
#include "runtime/value.h"

namespace pyjit {

struct ProjectionInput {
  const CodeObject* code;
  int loop_head;
  int entry_depth;  // tier 1's stack depth at the loop head
  // The module's global slots now, and the builtin each slot falls back to
  // while unassigned (unbound where none).
  const PjValue* globals;
  const std::vector<PjValue>* builtins;
  // Longest trace, in uops; a longer path ends in EXIT_TRACE.
  int max_uops = 400;
  // A trace that closes no loop (from a function's entry, or from where a
  // loop was left): every back edge ends it.
  bool ends_at_back_edges = false;
  // For a side trace from an exit inside calls its parent inlined: those
  // calls (InlinedCallChain), `code` being the trace's own function and
  // `loop_head` a pc of the innermost callee; and the stack as the parent
  // left it (entry_depth values), where the callees' locals are.
  std::vector<InlinedCall> entry_calls;
  const PjValue* entry_stack = nullptr;
};

// The default of ProjectionInput::max_uops.
constexpr int kMaxTraceUops = 400;

// Fails (FailedPrecondition) when there is nothing worth compiling, e.g. the
// loop head is an instruction no trace can start with.
// `unrun_instructions`, when given, gets how many uops are generic only
// because tier 1 had not yet run their instruction (no type feedback), as a
// function trace projected while its first calls are still running meets:
// fib's `+` waits for the recursion to return. A caller may wait and
// project again.
absl::StatusOr<Trace> ProjectTrace(const ProjectionInput& input,
                                   int* unrun_instructions = nullptr);

}  // namespace pyjit

#endif  // PYJIT_IR_PROJECTOR_H_
