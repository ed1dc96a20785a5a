// The tier-1 interpreter: runs a program's bytecode frame by frame, keeps
// the loop counters and type feedback that tier 2 reads, and reports an
// uncaught Python exception with its traceback.
#ifndef PYJIT_RUNTIME_INTERPRETER_H_
#define PYJIT_RUNTIME_INTERPRETER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "runtime/code.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/tier2.h"
#include "runtime/value.h"

namespace pyjit {

// Frames live in one contiguous stack, innermost last, as in CPython's
// data stack: pushing a frame is a pointer bump.
class FrameStack {
 public:
  FrameStack();
  ~FrameStack();
  FrameStack(const FrameStack&) = delete;
  FrameStack& operator=(const FrameStack&) = delete;

  // Null when the stack is full. Locals from `filled` on start unbound;
  // the caller writes the first `filled` (a call's arguments) itself.
  PjFrame* Push(const CodeObject& code, PjValue* globals, PjFrame* back, int filled = 0) {
    const int nlocals = code.nlocals();
    size_t bytes = sizeof(PjFrame) + sizeof(PjValue) * (nlocals + code.max_stack);
    bytes = (bytes + 15) & ~size_t{15};
    // Compiled code may use the values just above its frame (tier2.h).
    if (used_ + bytes + sizeof(PjValue) * kTraceScratchSlots > capacity_) return nullptr;
    auto* f = reinterpret_cast<PjFrame*>(base_ + used_);
    used_ += bytes;
    ++depth_;
    top_ = f;
    f->back = back;
    f->code = &code;
    f->globals = globals;
    f->pc = 0;
    f->stack_depth = 0;
    f->nslots = nlocals + code.max_stack;
    f->reserved = static_cast<int32_t>(bytes);
    for (int i = filled; i < nlocals; ++i) f->slots[i] = pj_unbound();
    return f;
  }
  void Pop(PjFrame* frame);
  int depth() const { return depth_; }
  // The innermost frame: the one running, or the one compiled code left
  // tier 1 to resume in (an inlined call's, rebuilt at its exit).
  PjFrame* top() const { return top_; }

 private:
  char* base_;
  PjFrame* top_ = nullptr;
  size_t capacity_;
  size_t used_ = 0;
  int depth_ = 0;
};

class Interpreter {
 public:
  // Python's default recursion limit.
  static constexpr int kMaxDepth = 1000;

  explicit Interpreter(Program& program);

  // Hot loops go to `tier2` from now on; null (the default) is tier 1 only.
  void set_tier2(Tier2* tier2) { tier2_ = tier2; }
  // Tier 1 runs every instruction generically, never specialized
  // (code.h's quickening), from the start of Run on.
  void DisableQuickening();

  // Runs the module to the end. False when an exception escaped: it is in
  // CurrentError(), with its traceback.
  bool Run();

  // Makes this the running interpreter (the one that calls from compiled
  // code go to) while `body` runs outside Run: for tests that run
  // executors on frames of their own.
  void RunAsCurrent(const std::function<void()>& body);

  // CPython's report of an uncaught exception: the tracebacks of the
  // exceptions it was raised while handling, then its own, and its last
  // line.
  std::string FormatError() const;

 private:
  // Runs `start` (`entry` or a frame called from it) until `entry` returns
  // (its result in return_value_) or an exception escapes it (false, with
  // every frame from `start` to `entry` popped). `raising`: the pending
  // error was raised at `start`'s pc (by compiled code), and tier 1 begins
  // by unwinding it to a handler.
  bool Execute(PjFrame* entry, PjFrame* start, bool raising = false);
  // Raises NameError (or UnboundLocalError) for `name` in `code` with
  // CPython's suggestion, or Unsupported for a builtin pyjit lacks.
  void RaiseNameError(ExcKind kind, const CodeObject& code, const std::string& name,
                      const std::string& message);
  // A read of the unassigned variable in `slot` (LOAD_FAST, LOAD_DEREF):
  // UnboundLocalError for a local, NameError for a free variable.
  void RaiseUnbound(const CodeObject& code, int slot);
  // A frame for calling `fn`, its parameters bound; null with the error
  // pending (RecursionError, a binding TypeError).
  PjFrame* EnterFunction(const PjFunction* fn, PjFrame* caller, const PjValue* args, int nargs,
                         const PjTuple* kwnames, const PjValue* kwvalues);
  // The rest of EnterFunction: keywords, defaults, the recursion limit, a
  // collection due.
  PjFrame* EnterFunctionSlowly(const PjFunction* fn, PjFrame* caller, const PjValue* args,
                               int nargs, const PjTuple* kwnames, const PjValue* kwvalues);
  // Counts a call of `frame`'s function (just entered, pc 0) and runs its
  // function trace, once tier 2 has made one: true with the frame where
  // tier 1 goes on, false with the error pending (the frame at the
  // instruction that raised).
  bool RunFunctionTrace(PjFrame* frame);
  // Whether a call of `code` may need RunFunctionTrace: not once tier 2 has
  // said never (or there is no tier 2), so that such calls cost nothing.
  bool MayRunFunctionTrace(const CodeObject& code) const {
    return tier2_ != nullptr &&
           (code.entry_executor != nullptr || code.tier2_entry_ask_at != UINT32_MAX);
  }

 public:
  // The runtime side of pj_call, pj_call_method and pj_load_attr (ops.h):
  // calls made by compiled code, Python functions run in a nested Execute.
  PjValue CallFromCompiled(PjFrame* caller, PjValue* callee_and_args, int nargs);
  // A call from a runtime function (a sort's key function, map's): the
  // callee's frame above the innermost one, no collection until it returns.
  PjValue CallFromRuntime(PjValue callee, const PjValue* args, int nargs);
  // A generator's steps (runtime/function.h's GeneratorNext): its frame
  // back on the stack, run until it yields (1, the value in *out) or
  // returns (0) or raises (-1).
  int ResumeGenerator(PjGenerator* generator, PjValue* out);
  static Interpreter* Current();
  // For tier 2 (tier2.h): calls that may still begin before the recursion
  // limit, and a frame for an inlined call that compiled code left inside.
  int FrameRoom() const { return kMaxDepth - frames_.depth(); }
  PjFrame* PushInlinedFrame(const CodeObject& code, PjFrame* caller) {
    return frames_.Push(code, caller->globals, caller);
  }

 private:
  // Adds the frame the pending error is leaving (or was raised in) to its
  // traceback, at the frame's pc.
  void AddTracebackEntry(const PjFrame* frame);
  // The generator a call of a generator function makes: `frame`, its
  // arguments bound, moved into it (and off the frame stack).
  PjValue MakeGenerator(PjFrame* frame);

  // Runs a call of `fn` to its return (tier 2's function trace when there
  // is one, tier 1 for the rest): the value, or the error marker.
  PjValue CallPython(const PjFunction* fn, PjFrame* caller, const PjValue* args, int nargs);
  // The "Traceback (most recent call last):" lines of one exception (or
  // the pending error), outermost frame first.
  std::string FormatTraceback(const std::vector<TracebackEntry>& traceback) const;
  // A frame compiled code left at its RETURN_VALUE (the value on its stack
  // top): popped, and what it returns.
  PjValue PopStoppedAtReturn(PjFrame* frame);
  void CollectGarbage(PjFrame* innermost);
  std::string SourceLine(int line) const;

  Program& program_;
  std::vector<PjValue> globals_;
  std::vector<PjValue> builtins_;  // per global slot: the builtin it falls back to
  FrameStack frames_;
  // The exception the innermost running `except` or `finally` handles
  // (CPython's exc_info), or None; what a bare `raise` raises again.
  PjValue handled_ = pj_none();
  // The callers' handled_ while generators run (each generator has its
  // own): what a bare `raise` and a new exception's context see when a
  // generator handles nothing itself (CPython's chain of exc_info).
  std::vector<PjValue> outer_handled_;
  PjValue TopmostHandled() const {
    if (handled_.tag == PJ_TAG_EXCEPTION) return handled_;
    for (auto it = outer_handled_.rbegin(); it != outer_handled_.rend(); ++it) {
      if (it->tag == PJ_TAG_EXCEPTION) return *it;
    }
    return pj_none();
  }
  // The generator whose frame runs as the entry of the innermost
  // ResumeGenerator, and whether it stopped at a yield.
  PjGenerator* resuming_ = nullptr;
  bool yielded_ = false;
  Tier2* tier2_ = nullptr;
  PjValue return_value_ = pj_none();
};

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_INTERPRETER_H_
