// Writes one trace as x86-64 through asmjit's Assembler: a function
// int64_t(PjFrame*) that follows the Executor contract (backends/backend.h).
//
// What it does that a stencil cannot: it carries a compile-time model of
// where every value is (TraceEmitter::Location) instead of keeping the frame
// exact after each uop. Stack values stay in registers, constants stay
// immediates, a pushed local stays a reference to the local, and a loop's
// hottest locals live in callee-saved registers across iterations: those
// whose tags hold at the loop's top (LoopHeadFacts, ir/tag_facts.h). The
// first iteration runs with every local in memory, then loads them: the
// IR optimizer's peeled iteration, or when it did not peel, a first pass
// over the loop that the emitter writes itself. The frame is made
// exact only where someone else looks at it: before a uop's C body is
// called, and in each side exit's own stub, which writes back exactly what
// that exit's state holds.
#ifndef PYJIT_BACKENDS_ASMJIT_TRACE_EMITTER_H_
#define PYJIT_BACKENDS_ASMJIT_TRACE_EMITTER_H_

#include <asmjit/x86.h>

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "ir/trace.h"
#include "runtime/exit_links.h"

namespace pyjit::asmjit_backend {

struct EmitOptions {
  // Keep the hottest locals in registers across loop iterations.
  bool register_locals = true;
  // Emit one invalid instruction, so that tests can see asmjit's own error
  // turn into a failed compile (and the runtime fall back to interp).
  bool inject_error = false;
};

struct EmitStats {
  int locals_in_registers = 0;
  bool peeled = false;  // the emitter wrote the first iteration itself
};

// Emits `trace` into `assembler`. Its exits follow the links in
// `exit_links` (runtime/exit_links.h; one per uop, read as the code runs).
// `uop_offsets` receives where each uop's code starts (in the loop's
// steady-state copy, when the emitter wrote the loop twice), then where
// the uops' code ends (the shared exit path and the cold section follow). Errors are the emitter's
// own; asmjit's are reported to the CodeHolder's error handler.
absl::Status EmitTrace(const Trace& trace, const EmitOptions& options,
                       const PjExitLink* exit_links, asmjit::x86::Assembler& assembler,
                       std::vector<size_t>* uop_offsets, EmitStats* stats);

// Which uops the emitter writes inline; the others call their C body.
bool EmittedInline(UopId op);

}  // namespace pyjit::asmjit_backend

#endif  // PYJIT_BACKENDS_ASMJIT_TRACE_EMITTER_H_
