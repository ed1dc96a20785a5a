#include "policy/tier_up.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/registry.h"
#include "ir/projector.h"
#include "ir/verifier.h"
#include "policy/tier_up_internal.h"
#include "runtime/builtins.h"
#include "runtime/heap.h"
#include "runtime/ops.h"

namespace pyjit {

TierUp::TierUp(const Program& program, std::unique_ptr<Policy> policy, TierUpOptions options)
    : program_(program),
      policy_(std::move(policy)),
      options_(options),
      budget_(policy_->options().compile_share) {
  times_tier1_ = options.measure_time;
  if (policy_->options().background_promotions) {
    background_ = std::make_unique<BackgroundCompiler>();
  }
  for (const std::string& name : program.global_names) builtins_.push_back(LookupBuiltin(name));
}

TierUp::~TierUp() {
  // The code objects outlive this: leave none pointing into freed code.
  for (auto& slot : slots_) {
    if (slot->function_code != nullptr) slot->function_code->direct_trace = nullptr;
  }
}

std::unique_ptr<TierUp> TierUp::Fixed(const Program& program, Backend* backend,
                                      uint32_t threshold, TierUpOptions options) {
  PolicyOptions p;
  p.threshold = threshold;
  p.backend = backend->name();
  p.compile_share = CompileBudget::kUnlimited;  // tools and tests: every loop at the threshold
  absl::StatusOr<std::unique_ptr<Policy>> policy = MakePolicy("fixed", p);
  if (!policy.ok()) {
    std::fprintf(stderr, "pyjit: %s\n", std::string(policy.status().message()).c_str());
    std::abort();
  }
  return std::make_unique<TierUp>(program, std::move(*policy), options);
}

std::unique_ptr<Trace> TierUp::Project(const CodeObject& code, int head, const PjFrame* frame,
                                       bool ends_at_back_edges, int* unrun_instructions,
                                       std::vector<InlinedCall> entry_calls) {
  ProjectionInput input{&code, head, frame->stack_depth, frame->globals, &builtins_,
                        policy_->options().max_trace_uops, ends_at_back_edges};
  input.entry_calls = std::move(entry_calls);
  input.entry_stack = frame->slots + code.nlocals();
  absl::StatusOr<Trace> trace = ProjectTrace(input, unrun_instructions);
  if (!trace.ok()) {
    declined_.push_back(std::string(trace.status().message()));
    return nullptr;
  }
  // Counted when the trace is compiled: a deferred one is projected again.
  unbuilt_optimizer_stats_ = OptimizerStats{};
  *trace = OptimizeTrace(*trace, options_.optimizer, &unbuilt_optimizer_stats_);
  if (absl::Status s = VerifyTrace(*trace, code); !s.ok()) {
    // A projector or optimizer bug: never run such a trace, and say so loudly.
    std::fprintf(stderr, "pyjit: internal error: trace failed verification: %s\n%s",
                 std::string(s.message()).c_str(), PrintTrace(*trace).c_str());
    std::abort();
  }
  return std::make_unique<Trace>(std::move(*trace));
}

std::unique_ptr<TierUp::Compiled> TierUp::Compile(const Trace& trace, Backend* backend,
                                                  Slot* slot) {
  optimizer_stats_ += unbuilt_optimizer_stats_;
  unbuilt_optimizer_stats_ = OptimizerStats{};  // a recompile of the same trace adds nothing
  Clock::time_point start = Clock::now();
  absl::StatusOr<std::unique_ptr<Executor>> executor;
  {
    std::unique_lock<std::mutex> lock;  // when the worker may be compiling with it too
    if (background_ != nullptr) lock = background_->LockFor(*backend);
    executor = backend->Compile(trace);
  }
  Clock::time_point end = Clock::now();
  codegen_time_ += end - start;
  return Install(trace, backend, slot, std::move(executor),
                 std::chrono::duration<double>(end - start).count());
}

std::unique_ptr<TierUp::Compiled> TierUp::Install(
    const Trace& trace, Backend* backend, Slot* slot,
    absl::StatusOr<std::unique_ptr<Executor>> executor, double seconds) {
  compiled_uops_ += trace.uops.size();
  Backend* interp = FindBackend("interp");
  if (executor.ok()) {
    policy_->Compiled(*backend, trace.uops.size(), seconds);
    budget_.Measured(*backend, trace.uops.size(), seconds);
  } else {
    declined_.push_back(absl::StrCat(backend->name(), ": ", executor.status().message()));
    // One backend's limit need not be a loss of tier 2: the reference
    // interpreter runs the trace, unless the policy says to give up.
    if (policy_->options().on_failure == PolicyOptions::OnFailure::kBlacklist) {
      ++decisions_.blacklisted;
      return nullptr;
    }
    if (interp == nullptr || interp == backend) return nullptr;
    backend = interp;
    executor = interp->Compile(trace);  // interp compiles only on this thread
    if (!executor.ok()) return nullptr;
    ++decisions_.fallbacks;
  }
  FitCodeBudget(trace, slot, executor, backend);
  auto compiled = std::make_unique<Compiled>();
  compiled->executor = std::move(*executor);
  compiled->executor->set_backend_name(backend->name());
  if (options_.on_compiled) options_.on_compiled(*compiled->executor);
  compiled->backend = backend;
  compiled->watched = policy_->MayPromote(*backend);
  compiled->serial = compiled_traces_++;
  compiled->slot = slot;
  if (auto* code = compiled->executor->native_entry(); code != nullptr && slot != nullptr) {
    DirectTrace& d = compiled->direct;
    d.code = code;
    d.owner = compiled.get();
    d.code_follows_links = compiled->executor->follows_links();
    d.exits = compiled->executor->exit_links();
    for (size_t r = 0; r < trace.uops.size(); ++r) {
      const Uop& u = trace.uops[r];
      const bool own = u.frame == 0 && u.exit_pc >= 0;
      PjExitLink& exit = d.exits[r];
      exit.returns = own && slot->code->code[u.exit_pc].op == Op::RETURN_VALUE;
      exit.at_back_edge = own && slot->code->code[u.exit_pc].op == Op::JUMP_BACKWARD;
    }
  }
  compiled_bytes_ += compiled->executor->code_size();
  min_uops_ = std::min(min_uops_, trace.uops.size());
  max_uops_ = std::max(max_uops_, trace.uops.size());
  ++decisions_.compiled_by[backend->name()];
  decisions_.inlined_calls += static_cast<int>(trace.inlined.size());
  compiled_at_.push_back(std::chrono::duration<double>(Clock::now() - created_).count());
  return compiled;
}

bool TierUp::Affords(const Backend& backend, size_t uops) {
  if (budget_.unlimited()) return true;
  const double elapsed = std::chrono::duration<double>(Clock::now() - created_).count();
  const double compiling = std::chrono::duration<double>(compile_time_).count();
  if (budget_.Affords(backend, uops, elapsed, compiling)) return true;
  ++decisions_.deferred;
  return false;
}

namespace {
bool RunningFurtherUp(const CodeObject& code, const PjFrame* frame) {
  for (const PjFrame* f = frame->back; f != nullptr; f = f->back) {
    if (f->code == &code) return true;
  }
  return false;
}
}  // namespace

TierUp::LoopCompile TierUp::CompileLoop(Slot& slot, const PjFrame* frame) {
  Clock::time_point start = Clock::now();
  int unrun = 0;
  std::unique_ptr<Trace> trace =
      Project(*slot.code, slot.loop_head, frame, slot.function_entry, &unrun);
  LoopCompile result = LoopCompile::kDeclined;
  if (trace != nullptr && slot.function_entry && unrun > 0 && RunningFurtherUp(*slot.code, frame) &&
      deferrals_[{slot.code, -1}] < kMaxUnrunWaits) {
    // Recursion: its first calls have not returned yet, so what follows
    // the recursive call has not run. (A function called for the first
    // time is projected as it is: waiting would not tell more.)
    result = LoopCompile::kDeferred;
  } else if (trace != nullptr && !Affords(*policy_->FirstBackend(), trace->uops.size())) {
    result = LoopCompile::kDeferred;
  } else if (trace != nullptr) {
    slot.loop = Compile(*trace, policy_->FirstBackend(), &slot);
    Relink(slot);
    const Uop& last = trace->uops.back();
    slot.back_edge_pc = last.op == UopId::JUMP_TO_TOP ? last.pc : -1;
    if (slot.loop != nullptr) result = LoopCompile::kCompiled;
  }
  compile_time_ += Clock::now() - start;
  return result;
}

HotLoopDecision TierUp::OnHotLoop(const CodeObject& code, int loop_head, const PjFrame* frame) {
  return OnHot(std::make_unique<Slot>(this, &code, loop_head, false), frame);
}

HotLoopDecision TierUp::OnHotFunction(CodeObject& code, const PjFrame* frame) {
  if (!policy_->options().function_traces) return {nullptr, 0};  // tier 1 stops asking
  auto slot = std::make_unique<Slot>(this, &code, 0, true);
  slot->function_code = &code;
  return OnHot(std::move(slot), frame);
}

void TierUp::HandBackFunction(Slot& slot) {
  Drop(slot);
  slot.blacklisted = true;
  slot.function_code->entry_executor = nullptr;
  slot.function_code->tier2_entry_ask_at = UINT32_MAX;
  ++decisions_.functions_handed_back;
}

HotLoopDecision TierUp::OnHot(std::unique_ptr<Slot> slot, const PjFrame* frame) {
  switch (CompileLoop(*slot, frame)) {
    case LoopCompile::kCompiled: {
      if (slot->function_entry) ++decisions_.function_traces;
      Slot* made = slots_.emplace_back(std::move(slot)).get();
      if (!made->function_entry) {
        loop_slots_[{made->code, made->loop_head}] = made;
        // Traces made before this loop had a slot may stop at its back edge.
        for (auto& other : slots_) {
          if (other->code == made->code) Relink(*other);
        }
      }
      return {made, 0};
    }
    case LoopCompile::kDeferred:
      return {nullptr, WaitAfterDeferral(*slot)};
    case LoopCompile::kDeclined:
      break;
  }
  return {nullptr, 0};  // tier 1 keeps this loop
}

uint32_t TierUp::WaitAfterDeferral(const Slot& slot) {
  // Twice as many back edges (or calls) each time, so that a loop that
  // runs on pays for its compile with time it has run, and projecting a
  // trace only to defer it again (which counts as compiling) does not eat
  // the budget it waits for.
  int& times = deferrals_[{slot.code, slot.function_entry ? -1 : slot.loop_head}];
  times = std::min(times + 1, 20);
  return policy_->options().threshold << times;
}

bool TierUp::Enter(EntryExecutor* executor, PjFrame* frame) {
  // Only an entry from tier 1 is timed: compiled code's calls enter others.
  if (!options_.measure_time || in_tier2_segment_) return executor->Run(frame);
  OpenTier2Segment();
  bool ok = executor->Run(frame);
  CloseTier2Segment();
  return ok;
}

bool TierUp::Tier1Begins() {
  if (!in_tier2_segment_) return false;
  CloseTier2Segment();
  return true;
}

void TierUp::Tier1Ends() { OpenTier2Segment(); }

void TierUp::OpenTier2Segment() {
  in_tier2_segment_ = true;
  segment_start_ = Clock::now();
  segment_compile_start_ = compile_time_;
}

void TierUp::CloseTier2Segment() {
  // Retracing and promoting happen inside; they count as compiling.
  tier2_time_ += (Clock::now() - segment_start_) - (compile_time_ - segment_compile_start_);
  in_tier2_segment_ = false;
}

TierUp::Running::~Running() {
  if (--owner_->running_ == 0) owner_->graveyard_.clear();
}

bool TierUp::RunSlot(Slot& entered, PjFrame* frame, Compiled* ran) {
  for (Slot* slot = &entered;;) {
    ++entries_;
    slot->last_entered = ++clock_;
    if (ran == nullptr && slot->loop == nullptr && !Retrace(*slot, frame)) return true;
    bool ok;
    Compiled* handoff = nullptr;
    {
      Running running(this);
      ok = RunLoop(*slot, frame, ran, &handoff);
      ran = nullptr;
    }
    if (!ok) return false;
    if (handoff != nullptr) {  // linked traces left in another loop's trace
      slot = handoff->slot;
      ran = handoff;
      continue;
    }
    if (slot->code->code[frame->pc].op != Op::JUMP_BACKWARD) return true;  // the common way out
    slot = LinkedSlot(*slot, frame->pc);
    if (slot == nullptr) return true;
    ++decisions_.links;
    frame->pc = slot->loop_head;
  }
}

TierUp::Slot* TierUp::SlotAtBackEdge(const CodeObject& code, int back_edge) const {
  auto found = loop_slots_.find({&code, code.code[back_edge].arg});
  return found != loop_slots_.end() ? found->second : nullptr;
}

TierUp::Slot* TierUp::LinkedSlot(const Slot& from, int back_edge) {
  // What tier 1 would do at a back edge, when it would enter compiled code
  // at once: jump to the loop head and run the loop's slot. Unless the
  // collector wants to run (tier 1 collects at back edges).
  if (TheHeap().collection_due()) return nullptr;
  return SlotAtBackEdge(*from.code, back_edge);
}

bool TierUp::Retrace(Slot& slot, PjFrame* frame) {
  // Dropped: tier 1 runs the loop until it has been hot again.
  frame->pc = slot.loop_head;
  if (slot.blacklisted || slot.wait > 0) {
    if (slot.wait > 0) --slot.wait;
    return false;
  }
  LoopCompile compiled = CompileLoop(slot, frame);  // which counts its compile time
  if (compiled != LoopCompile::kCompiled) {
    if (compiled == LoopCompile::kDeclined) slot.blacklisted = true;
    if (compiled == LoopCompile::kDeferred) slot.wait = WaitAfterDeferral(slot);
    return false;
  }
  ++decisions_.retraced;
  return true;
}

bool TierUp::RunTimed(Compiled& trace, PjFrame* frame) {
  // Exits inside inlined calls come back unbuilt: see RunKeepingInlined.
  ++trace.entries;
  if (!trace.watched) {
    if (!ScopedBackEdgeLooks::Active()) return trace.executor->RunKeepingInlined(frame);
    ScopedBackEdgeLooks none(0);  // inside a watched trace's call: no looks here
    return trace.executor->RunKeepingInlined(frame);
  }
  // A loop that stays inside its trace comes out every look_every
  // iterations for MaybePromote: otherwise a loop entered once would run
  // to its end on the first tier.
  ScopedBackEdgeLooks looks(policy_->options().look_every);
  // Timed on its first kSampleStride entries, then on one in kSampleStride
  // (scaled up): two clock reads cost more than a short trace's run, and
  // bigint_arith enters its first-tier traces 7.5 million times.
  const bool exact = trace.entries <= kSampleStride;
  if (!exact && trace.entries % kSampleStride != 0) return trace.executor->RunKeepingInlined(frame);
  Clock::time_point start = Clock::now();
  bool ok = trace.executor->RunKeepingInlined(frame);
  trace.seconds += std::chrono::duration<double>(Clock::now() - start).count() *
                   (exact ? 1 : kSampleStride);
  return ok;
}

bool TierUp::RunLinkedFrom(Compiled& first, PjFrame* frame, Compiled** left) {
  ++decisions_.linked_runs;
  const DirectTrace* trace = &first.direct;
  std::optional<ScopedBackEdgeLooks> none;  // as RunTimed: no looks at unwatched code
  if (ScopedBackEdgeLooks::Active()) none.emplace(0);
  const int64_t r = RunLinked(&trace, frame);
  none.reset();
  Compiled& ran = *static_cast<Compiled*>(trace->owner);
  ++ran.entries;
  *left = &ran;
  return ran.executor->Finish(r, frame, /*rebuild=*/false);
}

bool TierUp::RunLoop(Slot& slot, PjFrame* frame, Compiled* already_ran, Compiled** handoff) {
  for (;;) {
    Compiled* loop = already_ran;
    already_ran = nullptr;
    if (loop == nullptr) {
      if (slot.loop == nullptr) {  // dropped by a compile in a nested run
        frame->pc = slot.loop_head;
        return true;
      }
      loop = slot.loop.get();
      if (loop->linkable != nullptr && loop->entries >= kMispredictEntries) {
        // Past the entries RetraceIfMispredicted looks at, the trace runs
        // with its exits linked in (RunLinked): side traces and rounds of
        // the loop without coming back here.
        Compiled* left = nullptr;
        if (!RunLinkedFrom(*loop, frame, &left)) return false;
        if (left != loop) {
          Slot& owner = *left->slot;
          if (owner.loop.get() == left) {  // another loop's trace: RunSlot goes on there
            *handoff = left;
            return true;
          }
          // A side trace left: as RunSide ends, then round again from the
          // back edge or tier 1 goes on.
          if (!SideLeft(owner, *left, frame)) return false;
          if (&owner != &slot || frame->pc != slot.back_edge_pc || slot.loop.get() != loop ||
              TheHeap().collection_due()) {
            return true;
          }
          frame->pc = slot.loop_head;
          continue;
        }
      } else if (!RunTimed(*loop, frame)) {
        return false;
      }
    }
    const Executor& ran = *loop->executor;  // kept alive in the graveyard if replaced
    const size_t exit = ran.last_exit();
    if (loop->watched) MaybePromote(slot, slot.loop);
    if (ran.left_inlined()) {
      // Inside a call the trace inlined, its frames not yet built: a side
      // trace goes on from there (to the back edge, as any side trace);
      // without one, tier 1 goes on in the rebuilt frames.
      bool deferred = false;
      Compiled* side = slot.loop.get() == loop
                           ? SideTrace(slot, exit, frame, /*leaves_loop=*/false, &deferred)
                           : nullptr;
      if (side == nullptr) {
        ran.RebuildFrames(frame);
        if (!deferred) InlinedCallLeft(slot, *loop);
        return true;
      }
      if (!RunSide(slot, slot.sides, exit, *side, frame)) return false;
      if (frame->pc != slot.back_edge_pc) return true;
      RetraceIfMispredicted(slot, *loop, exit);
      if (TheHeap().collection_due()) return true;
      frame->pc = slot.loop_head;
      continue;
    }
    // Where the trace left: inside the loop body, where a side trace takes
    // over and the loop goes round again; or out of it for good (the loop
    // is done, a break), where a hot exit gets an exit trace that goes on
    // compiled to the next back edge (RunSlot links on from there) or the
    // return. A JUMP_TO_TOP exit is the collector's or a policy's look:
    // tier 1 goes on.
    const Uop& u = ran.trace().uops[exit];
    const Instr& resumes_at = slot.code->code[frame->pc];  // frame->pc is u's exit_pc
    const bool in_body = u.op != UopId::JUMP_TO_TOP && InBody(slot, frame);
    const bool leaves = !in_body && u.op != UopId::JUMP_TO_TOP &&
                        resumes_at.op != Op::RETURN_VALUE && resumes_at.op != Op::JUMP_BACKWARD;
    if (++slot.window_entries > kInvalidationWindow) {
      slot.window_entries = 1;
      slot.window_body_exits = 0;
    }
    // A branch straight to a back edge of this loop (the traced one, or a
    // `continue`'s in the body): round again, in the trace.
    const bool goes_round = u.op != UopId::JUMP_TO_TOP && resumes_at.op == Op::JUMP_BACKWARD &&
                            resumes_at.arg == slot.loop_head &&
                            (in_body || frame->pc == slot.back_edge_pc);
    if (goes_round) RetraceIfMispredicted(slot, *loop, exit);
    if (slot.loop == nullptr || !(in_body || leaves)) return true;
    if (in_body && goes_round) {
      if (TheHeap().collection_due()) return true;
      frame->pc = slot.loop_head;
      continue;
    }
    bool deferred = false;
    Compiled* side = SideTrace(slot, exit, frame, leaves, &deferred);
    if (side == nullptr && !deferred && in_body && NoSideComing(slot, exit)) CountBodyExit(slot);
    if (side == nullptr) return true;
    if (!RunSide(slot, slot.sides, exit, *side, frame)) return false;
    if (leaves) return true;  // no loop to go round
    // Stitching: the side trace ended at the loop's back edge, so the loop
    // goes round again in its trace, unless the collector wants to run
    // (tier 1 collects at the back edge).
    if (frame->pc != slot.back_edge_pc) return true;
    RetraceIfMispredicted(slot, *loop, exit);
    if (TheHeap().collection_due()) return true;
    frame->pc = slot.loop_head;
  }
}

bool TierUp::RunFunction(Slot& slot, PjFrame* frame) {
  // RunSlot's bookkeeping, less what only loops need.
  ++entries_;
  slot.last_entered = ++clock_;
  if (slot.loop == nullptr && !Retrace(slot, frame)) return true;
  Compiled* main = slot.loop.get();
  bool ok;
  {
    Running running(this);
    ok = RunTimed(*main, frame) && FunctionTraceLeft(slot, *main->executor, frame);
  }
  return ok && LinkFunctionToLoop(slot, frame);
}

bool TierUp::LinkFunctionToLoop(Slot& slot, PjFrame* frame) {
  // A function trace that ends at a loop's back edge goes on in that
  // loop's slot, as RunSlot links.
  if (slot.code->code[frame->pc].op != Op::JUMP_BACKWARD) return true;
  Slot* next = LinkedSlot(slot, frame->pc);
  if (next == nullptr) return true;
  ++decisions_.links;
  frame->pc = next->loop_head;
  return RunSlot(*next, frame);
}

bool TierUp::DirectTraceLeft(const DirectTrace& trace, int64_t result, PjFrame* frame) {
  Compiled& ran = *static_cast<Compiled*>(trace.owner);
  ++ran.entries;
  if (!ran.executor->Finish(result, frame, /*rebuild=*/false)) return false;
  Slot& slot = *ran.slot;
  if (!slot.function_entry) return LoopTraceLeft(slot, ran, frame);
  // From here as RunFunction would have gone on: the function trace's exit
  // may get a side trace; at a loop's back edge, that loop's slot.
  if (slot.loop.get() != &ran) {  // a side trace, or a trace since replaced
    const bool inlined = ran.executor->left_inlined();
    {
      Running running(this);
      if (!SideLeft(slot, ran, frame)) return false;
    }
    return inlined || LinkFunctionToLoop(slot, frame);
  }
  bool ok;
  {
    Running running(this);
    ok = FunctionTraceLeft(slot, *ran.executor, frame);
  }
  return ok && LinkFunctionToLoop(slot, frame);
}

bool TierUp::LoopTraceLeft(Slot& slot, Compiled& ran, PjFrame* frame) {
  // The loop's trace: on as RunSlot goes on after it ran (a side trace,
  // round the loop, on to the next loop). One of its side traces: as
  // RunSide ends; tier 1 goes on from where it stopped.
  if (slot.loop.get() == &ran) return RunSlot(slot, frame, &ran);
  Running running(this);
  return SideLeft(slot, ran, frame);
}

bool TierUp::FunctionTraceLeft(Slot& slot, const Executor& ran, PjFrame* frame) {
  // `ran` is kept alive in the graveyard if a nested run replaced it.
  const size_t exit = ran.last_exit();
  // Left inside a call it inlined, the frames not yet built (frame->pc at
  // the call): a side trace goes on from there, or they are rebuilt below.
  bool unbuilt = ran.left_inlined();
  if (slot.loop != nullptr && slot.loop->watched) MaybePromote(slot, slot.loop);
  if (++slot.window_entries > kInvalidationWindow) {
    slot.window_entries = 1;
    slot.window_body_exits = 0;
    slot.window_returns = 0;
    slot.window_direct_base = slot.function_code->direct_returns;
    slot.window_deferred = false;
  }
  // Where the trace left: at the return (the common case, done); at a
  // guard, where a side trace takes over (to the return, as fib's other
  // branch); at an instruction no trace covers (a keyword call, the trace's
  // length), where an exit trace goes on; or at a loop's back edge, where
  // RunFunction links on.
  const Instr& resumes_at = slot.code->code[frame->pc];  // frame->pc is the exit's exit_pc
  bool returned = resumes_at.op == Op::RETURN_VALUE;
  // A function whose loop has a trace goes on there compiled: as good as
  // returning, for the reckoning below.
  const Slot* next_loop =
      resumes_at.op == Op::JUMP_BACKWARD ? SlotAtBackEdge(*slot.code, frame->pc) : nullptr;
  const bool on_to_loop = next_loop != nullptr && next_loop->loop != nullptr;
  if (!returned && resumes_at.op != Op::JUMP_BACKWARD && slot.loop != nullptr &&
      slot.loop->executor.get() == &ran) {
    const bool at_guard = !(InfoOf(ran.trace().uops[exit].op).flags & PJ_F_TERMINAL);
    bool deferred = false;
    Compiled* side = SideTrace(slot, exit, frame, /*leaves_loop=*/false, &deferred);
    if (side == nullptr && !deferred && at_guard && !unbuilt && NoSideComing(slot, exit)) {
      CountBodyExit(slot);
    }
    if (side != nullptr) {
      unbuilt = false;  // RunSide leaves the frames as tier 1 wants them
      if (!RunSide(slot, slot.sides, exit, *side, frame)) return false;
      returned = slot.code->code[frame->pc].op == Op::RETURN_VALUE;
    } else if (unbuilt) {
      unbuilt = false;
      ran.RebuildFrames(frame);
      if (!deferred) InlinedCallLeft(slot, *slot.loop);
    }
    slot.window_deferred |= deferred;
  }
  if (unbuilt) ran.RebuildFrames(frame);  // a trace since replaced
  // Compiled code pays for a call through C++ only when it carries the
  // call to its return: a trace that mostly leaves to tier 1 (or to its
  // loop) is slower than tier 1's own call (policy/README.md). Calls that
  // ran directly to the return count as returns. A window in which the
  // compile budget put a side trace off says nothing yet.
  if (returned || on_to_loop) ++slot.window_returns;
  if (slot.window_entries == kInvalidationWindow && slot.loop != nullptr &&
      !slot.window_deferred) {
    const uint64_t direct = slot.function_code->direct_returns - slot.window_direct_base;
    if ((slot.window_returns + direct) * 4 < (slot.window_entries + direct) * 3) {
      HandBackFunction(slot);
    }
  }
  return true;
}

void TierUp::InlinedCallLeft(Slot& slot, const Compiled& ran) {
  // Tier 1 goes on in the rebuilt frames of the inlined calls. When that is
  // a habit, with nowhere compiled to go (no side trace there), rebuilding
  // costs more than the call it saves: the call the trace left inside is
  // made a call again (its caller's code remembers), and the slot's traces
  // are made again.
  const Executor& executor = *ran.executor;
  const Trace& trace = executor.trace();
  const uint64_t exits = executor.exit_counts()[executor.last_exit()];
  if (exits < kInlinedExitsToRefuse || exits * 4 < ran.entries) return;
  const InlinedCall& call = trace.inlined[trace.uops[executor.last_exit()].frame - 1];
  const CodeObject& caller = call.caller == 0 ? *trace.code : *trace.inlined[call.caller - 1].code;
  std::vector<uint8_t>& refused = caller.inline_refused;
  if (refused.size() < caller.code.size()) refused.resize(caller.code.size());
  refused[call.call_pc] = 1;
  ++decisions_.inlining_refused;
  refused_calls_.push_back(absl::StrCat(call.function, " at ", caller.name, " @", call.call_pc));
  Drop(slot);
}

namespace {
// A place where a DirectTrace is published, as runtime/exit_links.h (C)
// spells it.
const void* const* AsLink(const DirectTrace* const* published) {
  return reinterpret_cast<const void* const*>(published);
}
}  // namespace

void TierUp::Relink(Slot& slot) {
  // Only code that needs no timing may run without TierUp: a watched
  // trace is timed on entry and offered to the policy. Except a function's:
  // one call in look_every still goes through TierUp (DirectTrace), which
  // times it and offers its trace and side traces to the policy; without
  // that, a recursive function would run every call through C++ until it
  // is recompiled, which (waiting for the compile budget) may be never.
  bool watched = false;
  const bool looked_at = slot.function_entry && policy_->options().look_every > 0;
  auto publish = [&](Compiled& c) {
    watched |= c.watched;
    c.linkable = (!c.watched || looked_at) && c.direct.code != nullptr ? &c.direct : nullptr;
  };
  if (slot.loop != nullptr) publish(*slot.loop);
  ForEachSide(slot.sides, publish);
  slot.published = slot.loop != nullptr ? slot.loop->linkable : nullptr;
  if (slot.function_code != nullptr) {
    slot.function_code->direct_trace = slot.published;
    if (slot.published != nullptr) {
      DirectTrace& d = slot.loop->direct;
      d.look_every = watched ? policy_->options().look_every : 0;
      d.until_look = d.look_every;
    }
  }
  // Each exit links to its side trace (the main trace's) or, at a back
  // edge, to the slot of that loop (the main trace's JUMP_TO_TOP and the
  // side traces that end at this loop's back edge: round again).
  auto link = [&](Compiled& c, bool main) {
    DirectTrace& d = c.direct;
    if (d.code == nullptr) return;
    auto& sides = main ? slot.sides : c.sides;
    for (size_t r = 0; r < c.executor->trace().uops.size(); ++r) {
      PjExitLink& exit = d.exits[r];
      exit.linked = nullptr;
      if (exit.returns) continue;  // the caller goes on there
      auto side = sides.find(r);
      if (side != sides.end()) {
        exit.linked = AsLink(&side->second->linkable);
      } else if (exit.at_back_edge) {
        const int pc = c.executor->trace().uops[r].exit_pc;
        if (Slot* loop = SlotAtBackEdge(*slot.code, pc)) exit.linked = AsLink(&loop->published);
      }
    }
  };
  if (slot.loop != nullptr) link(*slot.loop, true);
  ForEachSide(slot.sides, [&](Compiled& side) { link(side, false); });
}

bool TierUp::RunSide(Slot& slot, std::map<size_t, std::unique_ptr<Compiled>>& sides,
                     size_t exit, Compiled& side, PjFrame* frame) {
  // `sides` (the slot's, or a side trace's) stays valid however a nested
  // run changes the slot: a dropped trace waits in the graveyard.
  if (!RunTimed(side, frame)) return false;
  const bool ok = SideLeft(slot, side, frame);
  if (side.watched) {
    // Looked up again: a nested run (a call the side trace made) may have
    // dropped it, and operator[] would leave an empty entry behind.
    auto still = sides.find(exit);
    if (still != sides.end() && still->second.get() == &side) MaybePromote(slot, still->second);
  }
  return ok;
}

bool TierUp::SideLeft(Slot& slot, Compiled& side, PjFrame* frame) {
  if (side.executor->left_inlined()) {  // no side trace from inside its calls: tier 1's
    side.executor->RebuildFrames(frame);
    InlinedCallLeft(slot, side);
    return true;
  }
  // Left at a branch of its own: a side trace of the side trace goes on to
  // the back edge (or the return); out of the loop (an exit trace's
  // branch), to the next back edge, as an exit trace.
  if (side.level == 0 || side.level >= kMaxSideLevels) return true;
  const size_t at = side.executor->last_exit();
  const Op resumes_at = slot.code->code[frame->pc].op;
  if (side.executor->trace().uops[at].op == UopId::JUMP_TO_TOP ||
      resumes_at == Op::RETURN_VALUE || resumes_at == Op::JUMP_BACKWARD) {
    return true;
  }
  bool deferred = false;
  Compiled* next = SideTrace(slot, side, side.sides, side.no_side, at, frame,
                             /*leaves_loop=*/!InBody(slot, frame), &deferred);
  return next == nullptr || RunSide(slot, side.sides, at, *next, frame);
}

bool TierUp::InBody(const Slot& slot, const PjFrame* frame) const {
  // Where tier 1 resumes: inside the function, or the loop's body.
  if (slot.function_entry) return true;
  return slot.back_edge_pc >= 0 && frame->pc > slot.loop_head && frame->pc < slot.back_edge_pc;
}

void TierUp::RetraceIfMispredicted(Slot& slot, const Compiled& main, size_t exit) {
  // Called after the exit went round the loop (through its side trace, or
  // straight to the back edge): then each round is one entry of `main`, and
  // the exit's share of entries is the share of iterations that went the
  // other way. (A side trace that leaves the loop, as at a `break`, is
  // taken once per entry however right the trace is.)
  const Trace& trace = main.executor->trace();
  const Uop& u = trace.uops[exit];
  if (u.op != UopId::GUARD_TRUE_POP && u.op != UopId::GUARD_FALSE_POP) return;
  if (main.entries < kMispredictEntries || slot.mispredicted >= kMaxMispredictRetraces) return;
  if (main.executor->exit_counts()[exit] * 4 < main.entries * 3) return;
  if (slot.loop.get() != &main) return;
  // The projector predicts a branch from its last 16 outcomes in tier 1,
  // which stopped seeing it once compiled code ran it: tell it the way the
  // branch goes now (the guard left when its condition was the other one).
  TypeFeedback& fb = trace.CodeOf(u)->feedback[u.pc];
  fb.history = u.op == UopId::GUARD_TRUE_POP ? 0 : 0xffff;
  fb.history_length = 16;
  ++slot.mispredicted;
  ++decisions_.mispredicted;
  Drop(slot);
}

bool TierUp::NoSideComing(const Slot& slot, size_t exit) const {
  // An exit still on its way to hot_exit gets its side trace soon: a body
  // with several branches that each go both ways leaves at all of them
  // before any has one, and is no misfit for that.
  return policy_->options().hot_exit == 0 ||
         (exit < slot.no_side.size() && slot.no_side[exit]);
}

void TierUp::CountBodyExit(Slot& slot) {
  // Out of the trace with nowhere compiled to go: if that is most entries,
  // the trace no longer fits the loop (or function).
  if (++slot.window_body_exits < kInvalidationExits) return;
  Drop(slot);
  ++decisions_.invalidations;
  if (++slot.drops > kMaxInvalidations) {
    slot.blacklisted = true;
    ++decisions_.blacklisted;
  }
  slot.wait = policy_->options().threshold << std::min(slot.drops, 10);
}

TierUp::Compiled* TierUp::SideTrace(Slot& slot, size_t exit, const PjFrame* frame,
                                    bool leaves_loop, bool* deferred) {
  return SideTrace(slot, *slot.loop, slot.sides, slot.no_side, exit, frame, leaves_loop,
                   deferred);
}

TierUp::Compiled* TierUp::SideTrace(Slot& slot, Compiled& from,
                                    std::map<size_t, std::unique_ptr<Compiled>>& sides,
                                    std::vector<bool>& no_side, size_t exit,
                                    const PjFrame* frame, bool leaves_loop, bool* deferred) {
  if (exit < no_side.size() && no_side[exit]) return nullptr;
  auto found = sides.find(exit);
  if (found != sides.end()) return found->second.get();
  const uint32_t hot = policy_->options().hot_exit;
  const uint64_t taken = from.executor->exit_counts()[exit];
  if (hot == 0 || taken < hot) return nullptr;
  if (auto wait = from.side_wait.find(exit); wait != from.side_wait.end() && taken < wait->second) {
    *deferred = true;  // still waiting out the last deferral
    return nullptr;
  }
  // Its size is not known before projecting it: its parent's stands in,
  // one iteration of it (a peeled first iteration is not counted twice).
  const Trace& parent_trace = from.executor->trace();
  if (!Affords(*from.backend, parent_trace.uops.size() - parent_trace.loop_start)) {
    from.side_wait[exit] = 2 * taken;
    *deferred = true;
    return nullptr;
  }
  // From where the guard left, as a trace of its own (its "loop head" is
  // the exit target; the loop's back edge ends it).
  Clock::time_point start = Clock::now();
  std::unique_ptr<Compiled> side;
  // An exit inside inlined calls starts the side trace inside them, on the
  // stack the parent left (frame->pc is then the outermost call's).
  const Trace& parent = from.executor->trace();
  const Uop& at = parent.uops[exit];
  std::unique_ptr<Trace> trace =
      Project(*slot.code, at.frame == 0 ? frame->pc : at.exit_pc, frame,
              slot.function_entry || leaves_loop, nullptr, InlinedCallChain(parent, at.frame));
  // An exit trace pays for its entry (a C++ round trip, as costly as a few
  // tier-1 instructions) only where it reaches a back edge that RunSlot
  // links on from, or runs long; `return a` after a loop is tier 1's.
  if (trace != nullptr && leaves_loop && !slot.function_entry) {
    const Uop& end = trace->uops.back();
    const Op ends_at = end.frame == 0 ? slot.code->code[end.pc].op : Op::NOP;
    // A function's return is also where a compiled caller goes on directly
    // (Interpreter::CallFromCompiled follows the links to it).
    const bool returns = ends_at == Op::RETURN_VALUE && slot.code != program_.module_code.get();
    if (ends_at != Op::JUMP_BACKWARD && !returns && trace->uops.size() < kMinExitTraceUops) {
      declined_.push_back(absl::StrCat(slot.code->name, " @", frame->pc,
                                       ": an exit trace that reaches no back edge"));
      trace = nullptr;
    }
  }
  if (trace != nullptr) side = Compile(*trace, from.backend, &slot);
  compile_time_ += Clock::now() - start;
  if (side == nullptr) {
    if (no_side.size() <= exit) no_side.resize(exit + 1);
    no_side[exit] = true;
    return nullptr;
  }
  ++decisions_.side_traces;
  if (at.frame != 0) ++decisions_.side_traces_in_inlined;
  if (from.level > 0) ++decisions_.side_traces_of_side_traces;
  side->level = from.level + 1;
  Compiled* made = (sides[exit] = std::move(side)).get();
  Relink(slot);
  return made;
}

void TierUp::MaybePromote(Slot& slot, std::unique_ptr<Compiled>& trace) {
  if (trace == nullptr || !trace->watched) return;
  if (background_ != nullptr) background_->Reap();
  if (trace->promotion != nullptr) {
    // Compiling in the background: installed at the first look after it is done.
    if (!trace->promotion->done()) return;
    std::shared_ptr<BackgroundJob> job = std::move(trace->promotion);
    background_time_ += std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(job->seconds()));
    std::unique_ptr<Compiled> next =
        Install(job->trace(), job->backend(), &slot, job->Take(), job->seconds());
    if (next != nullptr && next->backend == job->backend()) ++decisions_.background_installed;
    Promoted(slot, trace, job->backend(), std::move(next));
    return;
  }
  TraceStats stats{trace->backend, trace->executor->trace().uops.size(), trace->entries,
                   trace->seconds};
  Backend* better = policy_->Promote(stats);
  if (better == nullptr) return;
  if (background_ != nullptr && better->CompilesOffThread()) {
    // The compile budget weighs what this thread spends; the worker's time
    // is not taken from the program's.
    trace->promotion = background_->Submit(trace->executor->trace(), better);
    ++decisions_.background_started;
    return;
  }
  if (!Affords(*better, stats.uops)) return;  // looked at again at the next look
  Clock::time_point start = Clock::now();
  std::unique_ptr<Compiled> next = Compile(trace->executor->trace(), better, &slot);
  compile_time_ += Clock::now() - start;
  Promoted(slot, trace, better, std::move(next));
}

void TierUp::Promoted(Slot& slot, std::unique_ptr<Compiled>& trace, Backend* better,
                      std::unique_ptr<Compiled> next) {
  if (next == nullptr || next->backend != better) {
    // It failed (or would not fit): keep what runs, and do not ask again.
    if (next != nullptr) Retire(std::move(next));
    trace->watched = false;
    return;
  }
  ++decisions_.recompilations;
  next->sides = std::move(trace->sides);  // same uops, same exits
  next->no_side = std::move(trace->no_side);
  next->level = trace->level;
  Retire(std::move(trace));
  trace = std::move(next);
  Relink(slot);
}

}  // namespace pyjit
