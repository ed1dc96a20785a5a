// Where the tier-1 interpreter hands a hot loop or a hot function to tier 2. The runtime knows
// only this interface; what a trace is and how it is compiled live in `ir/`,
// `backends/` and `policy/`, which implement it.
#ifndef PYJIT_RUNTIME_TIER2_H_
#define PYJIT_RUNTIME_TIER2_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/code.h"
#include "runtime/exit_links.h"
#include "runtime/value.h"

namespace pyjit {

// Values compiled code may keep just above its frame, past the frame's
// own slots (an inlined call's locals and stack: ir/README.md). The frame
// stack keeps this much room above its innermost frame, which the running
// trace's frame always is.
constexpr int kTraceScratchSlots = 1024;

// Compiled code entered at one place: a loop head, or a function's entry.
class EntryExecutor {
 public:
  virtual ~EntryExecutor() = default;
  // Runs from the entry, with frame->stack_depth the stack depth there.
  // On return the frame holds exactly the state tier 1 would have had:
  // true after a side exit (frame->pc is where tier 1 resumes,
  // frame->stack_depth its stack), false with the error pending and
  // frame->pc at the instruction that raised (its traceback recorded).
  // When that happened inside a call the trace inlined, the frames of the
  // inlined calls are pushed above `frame` as tier 1 would have had them,
  // and tier 1 resumes in the innermost (the frame stack's top).
  virtual bool Run(PjFrame* frame) = 0;
};

// A trace as compiled code's calls run it without tier 2's C++ in between
// (Interpreter::CallFromCompiled): its machine code and, per exit, whether
// that exit is the function's return and where tier 2 publishes the trace
// that goes on there: a side trace, or at a back edge the loop's own trace
// (which may itself be replaced or dropped, so the link is to where it is
// published, not to it). Tier 2 publishes a function's in
// CodeObject::direct_trace and clears or replaces every published pointer
// before what it points to changes; code entered this way is kept alive as
// code entered through Tier2::Enter is.
struct DirectTrace {
  // Executor::Execute's contract: >= 0 the exit uop, < 0 the uop that raised.
  PjTraceCode code = nullptr;
  // Whether the code follows links itself (runtime/exit_links.h), so that
  // RunLinked need not look again when it returns.
  bool code_follows_links = false;
  // Per uop (those that exit), in one array so that one cache line
  // answers whether and where an exit goes on. Owned by the trace's
  // executor, which makes it before the code: code that follows links
  // reads it at the address it was compiled with.
  PjExitLink* exits = nullptr;
  void* owner = nullptr;          // tier 2's record of the trace
  // A function's trace that tier 2 still times (one it may recompile with
  // a better backend): every look_every-th call goes through tier 2's C++
  // (Tier2::Enter) instead, so that tier 2 sees it; 0: never.
  uint32_t look_every = 0;
  mutable uint32_t until_look = 0;
};
// runtime/exit_links.h reads a published trace's code as its first word.
static_assert(offsetof(DirectTrace, code) == 0);

// Runs `*trace` and on through the traces linked at its exits until one
// leaves where nothing is linked, at its function's return, or at a back
// edge while the collector is due (tier 1 collects there); `*trace` is
// then the trace that left and the result is its code's. The one
// dispatcher for compiled code's calls (Interpreter::CallFromCompiled) and
// tier 2's loops (TierUp::RunLinkedFrom), so that the two cannot disagree.
//
// The links are followed in machine code: a backend's code applies
// runtime/exit_links.h's rule at each exit and tail-calls the code it
// names, so a chain of traces runs without coming back here; which trace
// left is known because the rule records each one it hands on to. Code
// that cannot tail-call (mir's) returns instead, and RunLinked applies the
// same rule.
int64_t RunLinked(const DirectTrace** trace, PjFrame* frame);

// While alive, compiled code follows no link (no trace is running for
// runtime/exit_links.h's rule): for code entered other than through
// RunLinked (Executor::Run), whose caller reads the result as its own
// trace's exit.
class ScopedNoLinks {
 public:
  ScopedNoLinks();
  ~ScopedNoLinks();
  ScopedNoLinks(const ScopedNoLinks&) = delete;
  ScopedNoLinks& operator=(const ScopedNoLinks&) = delete;

 private:
  const DirectTrace* outer_;
};

// Links followed since the process started, and how many of them
// RunLinked followed for code that returned instead.
struct LinksFollowed {
  uint64_t all = 0;
  uint64_t by_dispatcher = 0;
};
LinksFollowed CountLinksFollowed();

// What tier 2 makes of a hot loop head or function entry.
struct HotLoopDecision {
  // Run it with this from now on (it must outlive the program run)...
  EntryExecutor* executor = nullptr;
  // ...or, when null, back edges to wait before asking again; 0: never ask.
  uint32_t ask_again_after = 0;
};

class Tier2 {
 public:
  virtual ~Tier2() = default;
  // Back edges a loop head must see before OnHotLoop is called, and calls
  // a function before OnHotFunction is.
  virtual uint32_t hot_threshold() const = 0;
  // Called when a loop head is hot. `frame` is at the loop head (its
  // globals, its stack depth there).
  virtual HotLoopDecision OnHotLoop(const CodeObject& code, int loop_head,
                                    const PjFrame* frame) = 0;
  // Called when a function is hot, with `frame` its new frame: parameters
  // bound, pc 0. A function trace runs until the function returns (it
  // leaves at the RETURN_VALUE, which tier 1 then runs) or leaves. Tier 2
  // may later hand the function back to tier 1 for good, by clearing
  // code.entry_executor and setting code.tier2_entry_ask_at to UINT32_MAX.
  virtual HotLoopDecision OnHotFunction(CodeObject& code, const PjFrame* frame) {
    (void)code;
    (void)frame;
    return {nullptr, 0};
  }
  // A direct trace (CodeObject::direct_trace) that ended where nothing is
  // linked and not at the return: `result` is what its code returned.
  // Does what running it through its EntryExecutor would have done after
  // the code ran; returns as EntryExecutor::Run does.
  virtual bool DirectTraceLeft(const DirectTrace& trace, int64_t result, PjFrame* frame) {
    (void)trace;
    (void)result;
    (void)frame;
    return true;
  }
  // Runs `executor`; the place to measure time and count.
  virtual bool Enter(EntryExecutor* executor, PjFrame* frame) { return executor->Run(frame); }
  // Around tier-1 code that compiled code called (a callee the function
  // trace of which left early, or that has none), so that its time counts
  // as tier 1's: Tier1Ends is called only when Tier1Begins returned true.
  virtual bool Tier1Begins() { return false; }
  virtual void Tier1Ends() {}
  // Whether to call them at all: read on every call from compiled code into
  // tier 1, so not a virtual call.
  bool times_tier1() const { return times_tier1_; }

 protected:
  bool times_tier1_ = false;
};

// While alive, compiled traces leave at every `every`-th back edge they
// reach (0: only when the collector is due), so that a policy gets to look
// at a loop that would otherwise run inside one trace entry until it ends.
// Single-threaded like the rest of the runtime; nests, restoring the outer
// request.
class ScopedBackEdgeLooks {
 public:
  explicit ScopedBackEdgeLooks(uint32_t every);
  ~ScopedBackEdgeLooks();
  ScopedBackEdgeLooks(const ScopedBackEdgeLooks&) = delete;
  ScopedBackEdgeLooks& operator=(const ScopedBackEdgeLooks&) = delete;
  // Whether a request is in force now.
  static bool Active();

 private:
  uint32_t outer_;
};

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_TIER2_H_
