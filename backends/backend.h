// The interface every tier-2 backend implements. A backend compiles a
// verified Trace into an Executor; the command line, tests and benchmarks
// find backends by name only (registry.h).
//
// Contract for an executor, whatever its code looks like:
//  - it starts at the trace's first uop with frame->stack_depth ==
//    trace.entry_depth, and runs each uop as its body in ir/uop_bodies.h
//    defines it (it may call those very bodies);
//  - before a uop flagged PJ_F_ESCAPES it stores the uop's pc in frame->pc;
//  - it returns with frame->stack_depth the depth of its stack, and the
//    index of the uop that exited (ExitAt) or raised (ErrorAt). The base
//    class sets frame->pc from the trace and counts exits;
//  - machine code (native_entry) leaving at an exit goes on into the trace
//    linked there, if any, with a tail call, so that linked traces run
//    without C++ between them (runtime/tier2.h's RunLinked): it applies
//    runtime/exit_links.h's rule to its exit_links(), made before the
//    code (NewExitLinks); a backend that cannot tail-call returns, and
//    RunLinked applies the rule instead.
#ifndef PYJIT_BACKENDS_BACKEND_H_
#define PYJIT_BACKENDS_BACKEND_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/trace.h"
#include "runtime/tier2.h"

namespace pyjit {

// For an exit (or error) inside inlined call `inlined_frame` at `pc` of
// its code: pushes the frames of that call and the inlined calls around it
// on the interpreter's frame stack, filled from the values the trace's
// stack holds for them (trace.h's InlinedCall), and puts `frame` (the
// trace's own) at the outermost call, as tier 1 would have had them all.
void RebuildInlinedFrames(const Trace& trace, int32_t inlined_frame, int32_t pc, PjFrame* frame);

class Executor : public EntryExecutor {
 public:
  // Where each exit links (tier 2 fills it in): one entry per uop, made
  // before the code by a backend whose code reads it (see NewExitLinks).
  using ExitLinks = std::unique_ptr<PjExitLink[]>;
  static ExitLinks NewExitLinks(const Trace& trace) {
    return std::make_unique<PjExitLink[]>(trace.uops.size());
  }

  explicit Executor(Trace trace, ExitLinks links = nullptr)
      : trace_(std::move(trace)),
        exit_links_(links != nullptr ? std::move(links) : NewExitLinks(trace_)),
        exit_counts_(trace_.uops.size(), 0) {}

  // What the backend's code returns: >= 0, the exiting uop; < 0, the uop
  // that raised, as ErrorAt(index).
  static int64_t ExitAt(size_t uop) { return static_cast<int64_t>(uop); }
  static int64_t ErrorAt(size_t uop) { return -1 - static_cast<int64_t>(uop); }

  bool Run(PjFrame* frame) final { return Finish(ExecuteUnlinked(frame), frame); }
  // As Run, but an exit inside a call the trace inlined leaves the frames
  // unbuilt: the trace's stack as its code left it (frame->stack_depth its
  // depth), frame->pc at the outermost inlined call's CALL. A side trace of
  // that exit starts from exactly that; whoever runs this runs one or calls
  // RebuildFrames before tier 1 may look at the frame. (Errors always
  // rebuild, for the traceback.)
  bool RunKeepingInlined(PjFrame* frame) {
    return Finish(ExecuteUnlinked(frame), frame, false);
  }
  // What Run does once the code has returned `r`: counts the exit and puts
  // frame->pc where tier 1 resumes (or at the uop that raised), rebuilding
  // the frames of inlined calls left inside unless told not to. For code
  // that was entered directly, through native_entry().
  bool Finish(int64_t r, PjFrame* frame, bool rebuild = true) {
    last_exit_ = r;
    const Uop& at = trace_.uops[r >= 0 ? r : -1 - r];
    if (r >= 0) ++exit_counts_[r];
    const int32_t pc = r >= 0 ? at.exit_pc : at.pc;
    if (at.frame == 0) {
      frame->pc = pc;
    } else if (rebuild || r < 0) {
      RebuildInlinedFrames(trace_, at.frame, pc, frame);
    } else {
      frame->pc = OutermostCallPc(at.frame);
    }
    return r >= 0;
  }
  // After RunKeepingInlined or Finish(..., false) left inside an inlined
  // call: the frames tier 1 resumes in.
  void RebuildFrames(PjFrame* frame) const {
    const Uop& at = trace_.uops[last_exit_];
    RebuildInlinedFrames(trace_, at.frame, at.exit_pc, frame);
  }
  // Whether the last run left inside a call the trace inlined.
  bool left_inlined() const {
    return trace_.uops[last_exit_ >= 0 ? last_exit_ : -1 - last_exit_].frame != 0;
  }
  // The backend that compiled it, as the policy records it.
  const std::string& backend_name() const { return backend_name_; }
  void set_backend_name(std::string name) { backend_name_ = std::move(name); }
  // The uop the last Run left through (when it returned true).
  size_t last_exit() const { return static_cast<size_t>(last_exit_); }

  const Trace& trace() const { return trace_; }
  // Exits taken, per uop index.
  const std::vector<uint64_t>& exit_counts() const { return exit_counts_; }
  // Bytes of machine code (0 for an interpreter), where it starts (null for
  // an interpreter), and where each uop's code starts in it (for dump-ir's
  // disassembly, the perf map and the profiler; empty when the backend does
  // not keep uops apart), then where the uops' code ends (what follows:
  // exit paths, stubs, constants).
  virtual size_t code_size() const = 0;
  // The machine code as a C function with Execute's contract, for callers
  // that enter it without Run (DirectTrace); null for an interpreter.
  virtual int64_t (*native_entry() const)(PjFrame*) { return nullptr; }
  // Whether that code follows the links at its exits (false: it returns,
  // and RunLinked follows the link).
  virtual bool follows_links() const { return false; }
  PjExitLink* exit_links() { return exit_links_.get(); }
  virtual const uint8_t* code() const { return nullptr; }
  virtual std::vector<size_t> uop_offsets() const { return {}; }
  // The backend's own listing of the trace (LLVM's optimized IR, asmjit's
  // assembly), when it has one and was asked to keep it
  // (Configure("keep-ir", "1")).
  virtual std::string ir_text() const { return ""; }

 protected:
  virtual int64_t Execute(PjFrame* frame) = 0;

  Trace trace_;

 private:
  // Run's result is this trace's own exit: its code must not go on into a
  // linked trace (runtime/exit_links.h), as it does under RunLinked.
  int64_t ExecuteUnlinked(PjFrame* frame) {
    ScopedNoLinks no_links;
    return Execute(frame);
  }
  int32_t OutermostCallPc(int32_t frame) const {
    while (trace_.inlined[frame - 1].caller != 0) frame = trace_.inlined[frame - 1].caller;
    return trace_.inlined[frame - 1].call_pc;
  }

  ExitLinks exit_links_;
  std::vector<uint64_t> exit_counts_;
  int64_t last_exit_ = 0;
  std::string backend_name_;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // One line for `pyjit backends`.
  virtual std::string description() const = 0;
  // OK, or why the backend cannot run here (a missing library...).
  virtual absl::Status Availability() const { return absl::OkStatus(); }
  // `trace` has passed VerifyTrace.
  virtual absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) = 0;
  // Whether Compile may run on another thread than the one running the
  // program (policy/background_compiler.h): it reads only the trace and
  // its code object's sizes, and writes only memory of its own (not the
  // shared code arena, whose sealing assumes one writer).
  virtual bool CompilesOffThread() const { return false; }
  // What compiling costs, per uop, before any compile has been measured:
  // the prior of the compile budget (policy/README.md). Each backend's from
  // `bazel run //benchmarks:compile_benchmark`, rounded up.
  virtual double ExpectedCompileSecondsPerUop() const = 0;
  // A backend-specific option: `--<name>-<key>=<value>` on the command line
  // (e.g. --llvm-opt=3), and "keep-ir" for dump-ir.
  virtual absl::Status Configure(const std::string& key, const std::string& value) {
    (void)value;
    return absl::InvalidArgumentError("backend '" + name() + "' has no option '" + key + "'");
  }
  // Lines for --stats about the backend's own compile phases; may be empty.
  virtual std::string StatsReport() const { return ""; }
};

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_BACKEND_H_
