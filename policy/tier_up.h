// The tiering machinery behind the runtime's Tier2 hook: projects, optimizes,
// verifies and compiles traces, and does what the Policy (policy.h) decides.
//
// Tier 1 gets one Slot per hot loop head, and one per hot function entry
// (a function trace: from the entry to the return, the function's loops
// left to their own traces), and keeps it for good; the slot holds whatever
// runs there now, so that code can change under it:
//  - a trace recompiled by a better backend (tiered, adaptive);
//  - side traces: a guard inside the loop body that keeps failing gets a
//    trace of its own from where it exits; when that trace reaches the loop's
//    back edge the slot runs the loop's trace again, without tier 1 (trace
//    stitching, as CPython's hot exits); a side trace's own hot exits in
//    the body get side traces too (kMaxSideLevels). A hot exit out of the loop (the
//    loop done, a break) gets an exit trace, which runs to the next back
//    edge;
//  - links: where compiled code stops at a back edge whose loop has a slot
//    (an exit trace at the enclosing loop's, an outer loop's trace at its
//    inner loop's), RunSlot goes on with that slot, as tier 1 would at once;
//  - invalidation: a trace that keeps leaving its loop body with nowhere
//    compiled to go is dropped, and the loop head is retraced once it has
//    been hot again (with backoff; blacklisted after repeated failures);
//  - eviction: past the code budget, the least recently entered loops lose
//    their code and are retraced when hot again.
// Dropped executors are freed only when no trace is running, since a trace
// may be dropped by a compile in a call it made.
#ifndef PYJIT_POLICY_TIER_UP_H_
#define PYJIT_POLICY_TIER_UP_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "ir/optimizer.h"
#include "policy/background_compiler.h"
#include "policy/compile_budget.h"
#include "policy/policy.h"
#include "runtime/code.h"
#include "runtime/tier2.h"

namespace pyjit {

struct TierUpOptions {
  OptimizerOptions optimizer;  // the IR passes (--ir-passes, --no-optimize)
  // Time tier 2 and compilation (for --stats); off, entering a trace costs
  // no clock reads unless the policy itself weighs time.
  bool measure_time = false;
  // Told of every executor as it is installed, after its backend name is
  // set (the perf map, the profiler: backends/code_map.h).
  std::function<void(const Executor&)> on_compiled;
};

class TierUp : public Tier2 {
 public:
  TierUp(const Program& program, std::unique_ptr<Policy> policy, TierUpOptions options);
  // The fixed policy on one backend, every loop compiled at `threshold`
  // whatever it costs: for tools and tests.
  static std::unique_ptr<TierUp> Fixed(const Program& program, Backend* backend,
                                       uint32_t threshold, TierUpOptions options = {});
  ~TierUp() override;

  uint32_t hot_threshold() const override { return policy_->options().threshold; }
  HotLoopDecision OnHotLoop(const CodeObject& code, int loop_head,
                            const PjFrame* frame) override;
  HotLoopDecision OnHotFunction(CodeObject& code, const PjFrame* frame) override;
  bool Enter(EntryExecutor* executor, PjFrame* frame) override;
  bool DirectTraceLeft(const DirectTrace& trace, int64_t result, PjFrame* frame) override;
  bool Tier1Begins() override;
  void Tier1Ends() override;

  const Policy& policy() const { return *policy_; }
  // Waits for a background compile under way and starts no more (what is
  // still waiting is dropped): before the backends' statistics are read.
  void StopBackgroundCompiles() {
    if (background_ != nullptr) background_->Stop();
  }
  // The executors that run now (loop traces, then their side traces).
  std::vector<const Executor*> executors() const;
  // The --stats report; `total_seconds` is the whole run's time.
  std::string StatsReport(double total_seconds) const;

  // The numbers the benchmark harness records per run.
  struct Summary {
    size_t traces = 0;             // compiles, recompilations included
    size_t uops = 0;               // in all traces compiled
    size_t code_bytes = 0;         // of everything compiled
    uint64_t exits = 0;
    double compile_seconds = 0;    // projection to executable code
    double backend_seconds = 0;    // backends' Compile alone
    // When each trace was ready, in seconds since this TierUp was made.
    std::vector<double> compiled_at;
  };
  Summary summary() const;

  // What the policy decided, for --stats and tests.
  struct Decisions {
    std::map<std::string, int> compiled_by;  // backend name -> traces compiled
    int recompilations = 0;
    int side_traces = 0;
    int function_traces = 0;  // slots made at a function's entry
    int functions_handed_back = 0;  // function traces that rarely reached the return
    uint64_t links = 0;  // back edges compiled code went on from without tier 1
    uint64_t linked_runs = 0;  // loop entries run by RunLinked (RunLinkedFrom)
    int evictions = 0;
    int invalidations = 0;
    int fallbacks = 0;     // compiles that failed and went to interp
    int over_budget = 0;   // traces too big for the budget, run on interp
    int blacklisted = 0;   // loop heads left to tier 1
    int retraced = 0;      // loop heads compiled again after a drop
    int deferred = 0;      // compiles the compile budget put off (compile_budget.h)
    int inlined_calls = 0;     // calls followed into their callee, in traces compiled
    int side_traces_in_inlined = 0;  // side traces that start inside inlined calls
    int side_traces_of_side_traces = 0;
    int mispredicted = 0;  // loop traces retraced: a branch went the other way
    int inlining_refused = 0;  // calls no longer inlined: traces left inside them
    int background_started = 0;    // recompiles handed to the background compiler
    int background_installed = 0;  // of them, installed
  };
  const Decisions& decisions() const { return decisions_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Compiled;
  struct Slot;
  friend struct Slot;

  // Runs the slot's code, and on through the slots of the loops whose back
  // edges it reaches (linked), until tier 1 must go on.
  // `ran`: the slot's trace has run already (entered directly by compiled
  // code, Executor::Finish done), and left.
  bool RunSlot(Slot& slot, PjFrame* frame, Compiled* ran = nullptr);
  // Compiles a dropped slot's loop again when it is due: false (the frame
  // at the loop head) when tier 1 runs the loop for now.
  bool Retrace(Slot& slot, PjFrame* frame);
  // After the budget put a compile of `slot` off: back edges (or calls) to
  // wait before trying again, twice as many as the last time.
  uint32_t WaitAfterDeferral(const Slot& slot);
  // The slot compiled code goes on with from `back_edge`, the pc of the
  // JUMP_BACKWARD where `from` left; null when tier 1 must run that back edge.
  Slot* LinkedSlot(const Slot& from, int back_edge);
  // `*handoff`: set (returning true) when linked traces left in another
  // loop slot's trace, for RunSlot to go on in that slot.
  bool RunLoop(Slot& slot, PjFrame* frame, Compiled* already_ran, Compiled** handoff);
  // `first` and the traces linked at its exits, by RunLinked; `*left` the
  // one that left, Executor::Finish done on it (false: an error).
  bool RunLinkedFrom(Compiled& first, PjFrame* frame, Compiled** left);
  // The loop slot whose loop `back_edge` (a JUMP_BACKWARD's pc in `code`)
  // closes, whatever it holds now; null when none was made.
  Slot* SlotAtBackEdge(const CodeObject& code, int back_edge) const;
  // A function slot's call: its trace and, at the exit it took, a side
  // trace; linked on at a loop's back edge as RunSlot does.
  bool RunFunction(Slot& slot, PjFrame* frame);
  // Where a function slot's code left at a loop's back edge: on in that
  // loop's slot (linked), as RunSlot does between loops.
  bool LinkFunctionToLoop(Slot& slot, PjFrame* frame);
  // After a function slot's trace `ran` left: a side trace at its exit,
  // and whether to hand the function back.
  bool FunctionTraceLeft(Slot& slot, const Executor& ran, PjFrame* frame);
  // DirectTraceLeft for a loop slot's trace `ran` (Finish done).
  bool LoopTraceLeft(Slot& slot, Compiled& ran, PjFrame* frame);
  // After `ran`, the slot's trace, left inside a call it inlined: gives up
  // inlining that call when that happens often.
  void InlinedCallLeft(Slot& slot, const Compiled& ran);
  // Exits inside an inlined call (at one uop, a quarter of the trace's
  // entries) before the trace is made again without inlining the call.
  static constexpr uint64_t kInlinedExitsToRefuse = 16;
  // Publishes the slot's code as compiled code may enter it (Slot::published,
  // and a function's CodeObject::direct_trace) and links its traces' exits
  // to their side traces and to the loops at their back edges, after any
  // change to what the slot holds.
  void Relink(Slot& slot);
  // A side trace of the slot's trace at `exit`, run and offered to the
  // policy.
  // `sides` is where `side` is kept (the slot's, or its parent side
  // trace's), by `exit`. Where the side trace leaves inside the body, a
  // side trace of its own takes over (kMaxSideLevels).
  bool RunSide(Slot& slot, std::map<size_t, std::unique_ptr<Compiled>>& sides, size_t exit,
               Compiled& side, PjFrame* frame);
  // After `side` ran and left (Finish done): its frames rebuilt when it
  // left inside an inlined call, else at a branch of its own a side trace
  // of its own made (when hot) and run. False: an error.
  bool SideLeft(Slot& slot, Compiled& side, PjFrame* frame);
  // Whether tier 1 would resume (at frame->pc) inside the slot's function
  // or loop body, rather than out of the loop.
  bool InBody(const Slot& slot, const PjFrame* frame) const;
  // After the exit `exit` of `main` went round the loop: whether `main` followed
  // that branch the way it no longer goes, and if so a retrace of the slot
  // (see kMispredictEntries).
  void RetraceIfMispredicted(Slot& slot, const Compiled& main, size_t exit);
  // An exit from the trace's body with nowhere compiled to go: too many in
  // a window drop the trace.
  void CountBodyExit(Slot& slot);
  // Whether the exit `exit` of the slot's trace will not get a side trace
  // (declined there, or none are made): only such exits count as misfits.
  bool NoSideComing(const Slot& slot, size_t exit) const;
  bool RunTimed(Compiled& trace, PjFrame* frame);
  // Projection through verification, from `frame` at `head`.
  // `unrun_instructions`: as ProjectTrace's.
  // `entry_calls`: ProjectionInput's, for a side trace from inside inlined
  // calls (`head` is then in the innermost callee).
  std::unique_ptr<Trace> Project(const CodeObject& code, int head, const PjFrame* frame,
                                 bool ends_at_back_edges, int* unrun_instructions = nullptr,
                                 std::vector<InlinedCall> entry_calls = {});
  // A slot's first compile, for OnHotLoop and OnHotFunction.
  HotLoopDecision OnHot(std::unique_ptr<Slot> slot, const PjFrame* frame);
  // Drops a function trace for good and has tier 1 stop calling into it.
  void HandBackFunction(Slot& slot);
  // `trace` compiled by `backend` (or interp, or nothing, as the policy says
  // about failures), within the code budget; `slot` is spared eviction.
  std::unique_ptr<Compiled> Compile(const Trace& trace, Backend* backend, Slot* slot);
  enum class LoopCompile { kCompiled, kDeferred, kDeclined };
  LoopCompile CompileLoop(Slot& slot, const PjFrame* frame);
  // Whether the compile budget affords `uops` uops on `backend` now.
  bool Affords(const Backend& backend, size_t uops);
  // The side trace for `exit` of the slot's loop trace, made when the exit
  // is hot (an exit trace, ending at the first back edge, when the exit
  // `leaves_loop`); null with *deferred set when the compile budget put it
  // off.
  Compiled* SideTrace(Slot& slot, size_t exit, const PjFrame* frame, bool leaves_loop,
                      bool* deferred);
  // The same at `exit` of `from` (the loop trace or a side trace), whose
  // side traces are `sides` and declined exits `no_side`.
  Compiled* SideTrace(Slot& slot, Compiled& from, std::map<size_t, std::unique_ptr<Compiled>>& sides,
                      std::vector<bool>& no_side, size_t exit, const PjFrame* frame,
                      bool leaves_loop, bool* deferred);
  // Recompiles `trace` with the better backend when the policy says so (on
  // the background compiler when there is one and the backend allows it;
  // then installed at a later call, once done).
  void MaybePromote(Slot& slot, std::unique_ptr<Compiled>& trace);
  // Puts `next`, `trace` recompiled by `better`, in its place, or keeps
  // `trace` (for good) when the recompile failed.
  void Promoted(Slot& slot, std::unique_ptr<Compiled>& trace, Backend* better,
                std::unique_ptr<Compiled> next);
  // The part of Compile after the backend's: within the code budget, the
  // policy told, links prepared.
  std::unique_ptr<Compiled> Install(const Trace& trace, Backend* backend, Slot* slot,
                                    absl::StatusOr<std::unique_ptr<Executor>> executor,
                                    double seconds);
  // The code cache (code_cache.cc).
  void FitCodeBudget(const Trace& trace, Slot* slot,
                     absl::StatusOr<std::unique_ptr<Executor>>& executor, Backend*& backend);
  void Drop(Slot& slot);
  void Retire(std::unique_ptr<Compiled> trace);
  size_t LiveCodeBytes() const;

  const Program& program_;
  std::unique_ptr<Policy> policy_;
  TierUpOptions options_;
  CompileBudget budget_;
  // Loop heads the budget put off, and how often: the wait doubles.
  std::map<std::pair<const CodeObject*, int>, int> deferrals_;
  std::vector<PjValue> builtins_;  // per global slot
  std::vector<std::unique_ptr<Slot>> slots_;
  std::map<std::pair<const CodeObject*, int>, Slot*> loop_slots_;  // by loop head
  std::vector<std::unique_ptr<Compiled>> graveyard_;
  int running_ = 0;  // traces running now (nested through calls)
  // Around running compiled code: what is retired meanwhile waits in the
  // graveyard until the outermost run ends.
  class Running {
   public:
    explicit Running(TierUp* owner) : owner_(owner) { ++owner_->running_; }
    ~Running();
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;

   private:
    TierUp* owner_;
  };
  // Time in tier 2 is measured in segments: from an outermost Enter to its
  // end, less the tier-1 code its calls ran (Tier1Begins to Tier1Ends) and
  // the compiling done inside.
  void OpenTier2Segment();
  void CloseTier2Segment();
  bool in_tier2_segment_ = false;
  Clock::time_point segment_start_;
  Clock::duration segment_compile_start_{};
  uint64_t clock_ = 0;  // slot entries, for least-recently-entered eviction

  std::vector<std::string> declined_;  // why, per declined projection or compile
  std::vector<std::string> refused_calls_;  // calls no longer inlined: "callee at caller @pc"
  Decisions decisions_;
  OptimizerStats optimizer_stats_;          // of the traces compiled
  OptimizerStats unbuilt_optimizer_stats_;  // of the trace last projected
  Clock::duration tier2_time_{};
  Clock::duration compile_time_{};  // projection to executable code
  Clock::duration codegen_time_{};  // backends' Compile alone
  Clock::duration background_time_{};  // the installed background compiles' own
  size_t compiled_uops_ = 0;
  size_t compiled_traces_ = 0;
  size_t compiled_bytes_ = 0;
  uint64_t retired_exits_ = 0;  // exits of executors already dropped
  size_t min_uops_ = SIZE_MAX, max_uops_ = 0;
  Clock::time_point created_ = Clock::now();
  std::vector<double> compiled_at_;
  uint64_t entries_ = 0;
  // Last, so that it is destroyed first: its worker stops (finishing the
  // compile under way) before anything it could still read goes.
  std::unique_ptr<BackgroundCompiler> background_;
};

}  // namespace pyjit

#endif  // PYJIT_POLICY_TIER_UP_H_
