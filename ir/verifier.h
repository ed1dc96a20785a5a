// Checks a trace against the bytecode it came from: operand kinds, stack
// depths, exit targets. Run on every trace in tests and debug builds; a
// trace that fails is a projector or optimizer bug, never run.
#ifndef PYJIT_IR_VERIFIER_H_
#define PYJIT_IR_VERIFIER_H_

#include <vector>

#include "absl/status/status.h"
#include "ir/trace.h"
#include "runtime/code.h"

namespace pyjit {

// Errors name the uop: "uop 7 (GUARD_BOTH_INT @12): ...".
absl::Status VerifyTrace(const Trace& trace, const CodeObject& code);

}  // namespace pyjit

#endif  // PYJIT_IR_VERIFIER_H_
