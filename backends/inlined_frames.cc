// Deoptimization of inlined calls: backend.h's RebuildInlinedFrames.
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "backends/backend.h"
#include "runtime/interpreter.h"

namespace pyjit {

void RebuildInlinedFrames(const Trace& trace, int32_t inlined_frame, int32_t pc, PjFrame* frame) {
  // The calls from the outermost to the one the trace left in.
  const std::vector<InlinedCall> calls = InlinedCallChain(trace, inlined_frame);
  // The trace's stack as the executor left it. Copied first: the frames
  // are pushed right above `frame`, where those values are.
  const int nlocals = trace.code->nlocals();
  const std::vector<PjValue> stack(frame->slots + nlocals,
                                   frame->slots + nlocals + frame->stack_depth);
  const int depth = frame->stack_depth;
  // After an error the stack may stop short of what an exit would have;
  // only the pcs matter then (for the traceback).
  auto value = [&](int i) { return i < depth ? stack[i] : pj_unbound(); };
  frame->pc = calls.front().call_pc;
  frame->stack_depth = calls.front().base;  // below the callee, as during a call
  PjFrame* caller = frame;
  Interpreter* interpreter = Interpreter::Current();
  for (size_t j = 0; j < calls.size(); ++j) {
    const InlinedCall& c = calls[j];
    // GUARD_CALLEE_CODE saw room for these frames, and the frame stack
    // keeps room above its top for the values they are made from.
    PjFrame* f = interpreter->PushInlinedFrame(*c.code, caller);
    if (f == nullptr) std::abort();  // not reachable: Push keeps that room
    const bool innermost = j + 1 == calls.size();
    const int stack_end = innermost ? depth : calls[j + 1].base;
    for (int i = 0; i < c.nlocals; ++i) f->slots[i] = value(c.base + 1 + i);
    for (int i = c.stack_base(); i < stack_end; ++i) f->slots[c.nlocals + i - c.stack_base()] = value(i);
    f->stack_depth = std::max(0, stack_end - c.stack_base());
    f->pc = innermost ? pc : calls[j + 1].call_pc;
    caller = f;
  }
}

}  // namespace pyjit
