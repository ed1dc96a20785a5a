#include "policy/tier_up.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/registry.h"
#include "ir/projector.h"
#include "ir/verifier.h"
#include "runtime/builtins.h"
#include "runtime/heap.h"
#include "runtime/ops.h"

namespace pyjit {

// Entries per look at how often a loop's trace leaves its body, and how
// many of them may so leave before the trace is dropped.
constexpr uint64_t kInvalidationWindow = 64;
constexpr uint64_t kInvalidationExits = 32;
// Drops of one loop before it is left to tier 1 for good.
constexpr int kMaxInvalidations = 6;
// A watched trace's time inside is sampled past this many entries.
constexpr uint64_t kSampleStride = 16;


struct TierUp::Compiled {
  std::unique_ptr<Executor> executor;
  Backend* backend = nullptr;
  uint64_t entries = 0;
  double seconds = 0;
  bool watched = false;  // timed and offered to Policy::Promote after each entry
  size_t serial = 0;  // creation order, for listings
};

struct TierUp::Slot : LoopExecutor {
  Slot(TierUp* owner, const CodeObject* code, int head)
      : owner(owner), code(code), loop_head(head) {}
  bool Run(PjFrame* frame) override { return owner->RunSlot(*this, frame); }

  TierUp* owner;
  const CodeObject* code;
  int loop_head;
  int back_edge_pc = -1;  // the JUMP_BACKWARD that closes the loop, when traced
  std::unique_ptr<Compiled> loop;  // null: nothing compiled now
  std::map<size_t, std::unique_ptr<Compiled>> sides;  // by exit uop of `loop`
  std::set<size_t> no_side;  // exits whose side trace was declined
  uint32_t wait = 0;  // entries to let tier 1 run before retracing
  int drops = 0;
  bool blacklisted = false;
  uint64_t last_entered = 0;
  uint64_t window_entries = 0, window_body_exits = 0;
};

TierUp::TierUp(const Program& program, std::unique_ptr<Policy> policy, TierUpOptions options)
    : program_(program),
      policy_(std::move(policy)),
      options_(options),
      budget_(policy_->options().compile_share) {
  for (const std::string& name : program.global_names) builtins_.push_back(LookupBuiltin(name));
}

TierUp::~TierUp() = default;

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

std::unique_ptr<Trace> TierUp::Project(const CodeObject& code, int head, const PjFrame* frame) {
  ProjectionInput input{&code, head, frame->stack_depth, frame->globals, &builtins_,
                        policy_->options().max_trace_uops};
  absl::StatusOr<Trace> trace = ProjectTrace(input);
  if (!trace.ok()) {
    declined_.push_back(std::string(trace.status().message()));
    return nullptr;
  }
  if (options_.optimize) *trace = OptimizeTrace(*trace, &optimizer_stats_);
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
  Clock::time_point start = Clock::now();
  absl::StatusOr<std::unique_ptr<Executor>> executor = backend->Compile(trace);
  Clock::time_point end = Clock::now();
  codegen_time_ += end - start;
  compiled_uops_ += trace.uops.size();
  Backend* interp = FindBackend("interp");
  if (executor.ok()) {
    const double seconds = std::chrono::duration<double>(end - start).count();
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
    executor = interp->Compile(trace);
    if (!executor.ok()) return nullptr;
    ++decisions_.fallbacks;
  }
  // The budget: make room by evicting the least recently entered loops.
  const size_t budget = policy_->options().code_budget;
  if (budget > 0 && (*executor)->code_size() > 0) {
    while (LiveCodeBytes() + (*executor)->code_size() > budget) {
      Slot* victim = nullptr;
      for (auto& s : slots_) {
        if (s.get() == slot || !s->loop) continue;
        if (victim == nullptr || s->last_entered < victim->last_entered) victim = s.get();
      }
      if (victim == nullptr) break;
      Drop(*victim);
      victim->wait = policy_->options().threshold;
      ++decisions_.evictions;
    }
    if (LiveCodeBytes() + (*executor)->code_size() > budget && interp != nullptr) {
      // Too big even alone: interp's trace holds no machine code.
      absl::StatusOr<std::unique_ptr<Executor>> small = interp->Compile(trace);
      if (small.ok()) {
        executor = std::move(small);
        backend = interp;
        ++decisions_.over_budget;
      }
    }
  }
  auto compiled = std::make_unique<Compiled>();
  compiled->executor = std::move(*executor);
  compiled->executor->set_backend_name(backend->name());
  compiled->backend = backend;
  compiled->watched = policy_->MayPromote(*backend);
  compiled->serial = compiled_traces_++;
  compiled_bytes_ += compiled->executor->code_size();
  min_uops_ = std::min(min_uops_, trace.uops.size());
  max_uops_ = std::max(max_uops_, trace.uops.size());
  ++decisions_.compiled_by[backend->name()];
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

TierUp::LoopCompile TierUp::CompileLoop(Slot& slot, const PjFrame* frame) {
  Clock::time_point start = Clock::now();
  std::unique_ptr<Trace> trace = Project(*slot.code, slot.loop_head, frame);
  LoopCompile result = LoopCompile::kDeclined;
  if (trace != nullptr && !Affords(*policy_->FirstBackend(), trace->uops.size())) {
    result = LoopCompile::kDeferred;
  } else if (trace != nullptr) {
    slot.loop = Compile(*trace, policy_->FirstBackend(), &slot);
    const Uop& last = trace->uops.back();
    slot.back_edge_pc = last.op == UopId::JUMP_TO_TOP ? last.pc : -1;
    if (slot.loop != nullptr) result = LoopCompile::kCompiled;
  }
  compile_time_ += Clock::now() - start;
  return result;
}

HotLoopDecision TierUp::OnHotLoop(const CodeObject& code, int loop_head, const PjFrame* frame) {
  auto slot = std::make_unique<Slot>(this, &code, loop_head);
  switch (CompileLoop(*slot, frame)) {
    case LoopCompile::kCompiled:
      slots_.push_back(std::move(slot));
      return {slots_.back().get(), 0};
    case LoopCompile::kDeferred: {
      // Asked again after twice as many back edges each time, so that a
      // loop that runs on pays for its compile with time it has run.
      int& times = deferrals_[{&code, loop_head}];
      times = std::min(times + 1, 20);
      return {nullptr, policy_->options().threshold << times};
    }
    case LoopCompile::kDeclined:
      break;
  }
  return {nullptr, 0};  // tier 1 keeps this loop
}

bool TierUp::Enter(LoopExecutor* executor, PjFrame* frame) {
  // Only the outermost entry is timed: a trace's calls may enter others.
  if (!options_.measure_time || entered_) return executor->Run(frame);
  entered_ = true;
  Clock::time_point start = Clock::now();
  Clock::duration compiling_before = compile_time_;
  bool ok = executor->Run(frame);
  // Retracing and promoting happen inside; they count as compiling.
  tier2_time_ += (Clock::now() - start) - (compile_time_ - compiling_before);
  entered_ = false;
  return ok;
}

bool TierUp::RunSlot(Slot& slot, PjFrame* frame) {
  ++entries_;
  slot.last_entered = ++clock_;
  if (slot.loop == nullptr) {
    // Dropped: tier 1 runs the loop until it has been hot again.
    if (slot.blacklisted || slot.wait > 0) {
      if (slot.wait > 0) --slot.wait;
      frame->pc = slot.loop_head;
      return true;
    }
    Clock::time_point start = Clock::now();
    LoopCompile compiled = CompileLoop(slot, frame);
    compile_time_ += Clock::now() - start;
    if (compiled != LoopCompile::kCompiled) {
      if (compiled == LoopCompile::kDeclined) slot.blacklisted = true;
      if (compiled == LoopCompile::kDeferred) slot.wait = policy_->options().threshold;
      frame->pc = slot.loop_head;
      return true;
    }
    ++decisions_.retraced;
  }
  ++running_;
  bool ok = RunLoop(slot, frame);
  if (--running_ == 0) graveyard_.clear();
  return ok;
}

bool TierUp::RunTimed(Compiled& trace, PjFrame* frame) {
  ++trace.entries;
  if (!trace.watched) {
    if (!ScopedBackEdgeLooks::Active()) return trace.executor->Run(frame);
    ScopedBackEdgeLooks none(0);  // inside a watched trace's call: no looks here
    return trace.executor->Run(frame);
  }
  // A loop that stays inside its trace comes out every look_every
  // iterations for MaybePromote: otherwise a loop entered once would run
  // to its end on the first tier.
  ScopedBackEdgeLooks looks(policy_->options().look_every);
  // Timed on its first kSampleStride entries, then on one in kSampleStride
  // (scaled up): two clock reads cost more than a short trace's run, and
  // bigint_arith enters its first-tier traces 7.5 million times.
  const bool exact = trace.entries <= kSampleStride;
  if (!exact && trace.entries % kSampleStride != 0) return trace.executor->Run(frame);
  Clock::time_point start = Clock::now();
  bool ok = trace.executor->Run(frame);
  trace.seconds += std::chrono::duration<double>(Clock::now() - start).count() *
                   (exact ? 1 : kSampleStride);
  return ok;
}

bool TierUp::RunLoop(Slot& slot, PjFrame* frame) {
  for (;;) {
    if (slot.loop == nullptr) {  // dropped by a compile in a nested run
      frame->pc = slot.loop_head;
      return true;
    }
    Compiled* loop = slot.loop.get();
    if (!RunTimed(*loop, frame)) return false;
    const Executor& ran = *loop->executor;  // kept alive in the graveyard if replaced
    const size_t exit = ran.last_exit();
    MaybePromote(slot, slot.loop);
    // Left the loop, or the collector wants to run: tier 1 goes on.
    const Uop& u = ran.trace().uops[exit];
    const bool in_body = slot.back_edge_pc >= 0 && u.op != UopId::JUMP_TO_TOP &&
                         u.exit_pc > slot.loop_head && u.exit_pc < slot.back_edge_pc;
    if (++slot.window_entries > kInvalidationWindow) {
      slot.window_entries = 1;
      slot.window_body_exits = 0;
    }
    if (!in_body || slot.loop == nullptr) return true;
    bool deferred = false;
    Compiled* side = SideTrace(slot, exit, frame, &deferred);
    if (side == nullptr && !deferred) {
      // Out of the trace with nowhere compiled to go: if that is most
      // entries, the trace no longer fits the loop.
      if (++slot.window_body_exits >= kInvalidationExits) {
        Drop(slot);
        ++decisions_.invalidations;
        if (++slot.drops > kMaxInvalidations) {
          slot.blacklisted = true;
          ++decisions_.blacklisted;
        }
        slot.wait = policy_->options().threshold << std::min(slot.drops, 10);
      }
    }
    if (side == nullptr) return true;
    if (!RunTimed(*side, frame)) return false;
    MaybePromote(slot, slot.sides[exit]);
    // Stitching: the side trace ended at the loop's back edge, so the loop
    // goes round again in its trace, unless the collector wants to run
    // (tier 1 collects at the back edge).
    if (frame->pc != slot.back_edge_pc || TheHeap().collection_due()) return true;
    frame->pc = slot.loop_head;
  }
}

TierUp::Compiled* TierUp::SideTrace(Slot& slot, size_t exit, const PjFrame* frame,
                                    bool* deferred) {
  auto found = slot.sides.find(exit);
  if (found != slot.sides.end()) return found->second.get();
  const uint32_t hot = policy_->options().hot_exit;
  if (hot == 0 || slot.no_side.count(exit) ||
      slot.loop->executor->exit_counts()[exit] < hot) {
    return nullptr;
  }
  // Its size is not known before projecting it: the loop trace's stands in.
  if (!Affords(*slot.loop->backend, slot.loop->executor->trace().uops.size())) {
    *deferred = true;
    return nullptr;
  }
  // From where the guard left, as a trace of its own (its "loop head" is
  // the exit target; the loop's back edge ends it).
  Clock::time_point start = Clock::now();
  std::unique_ptr<Compiled> side;
  if (std::unique_ptr<Trace> trace = Project(*slot.code, frame->pc, frame)) {
    side = Compile(*trace, slot.loop->backend, &slot);
  }
  compile_time_ += Clock::now() - start;
  if (side == nullptr) {
    slot.no_side.insert(exit);
    return nullptr;
  }
  ++decisions_.side_traces;
  return (slot.sides[exit] = std::move(side)).get();
}

void TierUp::MaybePromote(Slot& slot, std::unique_ptr<Compiled>& trace) {
  if (trace == nullptr || !trace->watched) return;
  TraceStats stats{trace->backend, trace->executor->trace().uops.size(), trace->entries,
                   trace->seconds};
  Backend* better = policy_->Promote(stats);
  if (better == nullptr) return;
  if (!Affords(*better, stats.uops)) return;  // looked at again at the next look
  Clock::time_point start = Clock::now();
  std::unique_ptr<Compiled> next = Compile(trace->executor->trace(), better, &slot);
  compile_time_ += Clock::now() - start;
  if (next == nullptr || next->backend != better) {
    // It failed (or would not fit): keep what runs, and do not ask again.
    if (next != nullptr) Retire(std::move(next));
    trace->watched = false;
    return;
  }
  ++decisions_.recompilations;
  Retire(std::move(trace));
  trace = std::move(next);
}

void TierUp::Drop(Slot& slot) {
  Retire(std::move(slot.loop));
  for (auto& [exit, side] : slot.sides) Retire(std::move(side));
  slot.sides.clear();
  slot.no_side.clear();
  slot.window_entries = slot.window_body_exits = 0;
}

void TierUp::Retire(std::unique_ptr<Compiled> trace) {
  if (trace == nullptr) return;
  for (uint64_t n : trace->executor->exit_counts()) retired_exits_ += n;
  // A trace may be running further up the stack: free it later.
  if (running_ > 0) {
    graveyard_.push_back(std::move(trace));
  }
}

size_t TierUp::LiveCodeBytes() const {
  size_t bytes = 0;
  for (const auto& s : slots_) {
    if (s->loop) bytes += s->loop->executor->code_size();
    for (const auto& [exit, side] : s->sides) bytes += side->executor->code_size();
  }
  return bytes;
}

std::vector<const Executor*> TierUp::executors() const {
  std::vector<const Compiled*> live;
  for (const auto& s : slots_) {
    if (s->loop) live.push_back(s->loop.get());
    for (const auto& [exit, side] : s->sides) live.push_back(side.get());
  }
  std::sort(live.begin(), live.end(),
            [](const Compiled* a, const Compiled* b) { return a->serial < b->serial; });
  std::vector<const Executor*> out;
  for (const Compiled* c : live) out.push_back(c->executor.get());
  return out;
}

TierUp::Summary TierUp::summary() const {
  Summary s;
  s.traces = compiled_traces_;
  s.uops = compiled_uops_;
  s.code_bytes = compiled_bytes_;
  s.exits = retired_exits_;
  for (const Executor* e : executors()) {
    for (uint64_t n : e->exit_counts()) s.exits += n;
  }
  s.compile_seconds = std::chrono::duration<double>(compile_time_).count();
  s.backend_seconds = std::chrono::duration<double>(codegen_time_).count();
  s.compiled_at = compiled_at_;
  return s;
}

std::string TierUp::StatsReport(double total_seconds) const {
  auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
  const PolicyOptions& p = policy_->options();
  std::string out = absl::StrCat("pyjit stats (policy ", policy_->name(), ": ",
                                 policy_->Describe(), "; threshold ", p.threshold,
                                 ", optimizer ", options_.optimize ? "on" : "off", ")\n");
  Summary totals = summary();
  absl::StrAppend(&out, "  traces made: ", compiled_traces_, ", declined: ", declined_.size(),
                  ", run by interp after the backend failed: ", decisions_.fallbacks, "\n");
  std::string by;
  for (const auto& [name, n] : decisions_.compiled_by) {
    absl::StrAppend(&by, by.empty() ? "" : ", ", name, " ", n);
  }
  absl::StrAppend(&out, "  compiled by: ", by.empty() ? "none" : by, "\n");
  absl::StrAppend(
      &out, absl::StrFormat(
                "  decisions: %d recompiled by a better backend, %d side traces, %d evicted "
                "(budget %s), %d invalidated, %d retraced, %d over budget on interp, %d "
                "blacklisted\n",
                decisions_.recompilations, decisions_.side_traces, decisions_.evictions,
                p.code_budget ? absl::StrCat(p.code_budget, " bytes") : "none",
                decisions_.invalidations, decisions_.retraced, decisions_.over_budget,
                decisions_.blacklisted));
  absl::StrAppend(&out, "  compile budget: ",
                  budget_.unlimited()
                      ? std::string("unlimited")
                      : absl::StrFormat("%.2f s of compiling per s of running", budget_.share()),
                  ", compiles deferred: ", decisions_.deferred, "\n");
  if (compiled_traces_ > 0) {
    absl::StrAppend(&out, absl::StrFormat("  uops per trace: min %d, mean %.1f, max %d\n",
                                          min_uops_, double(compiled_uops_) / compiled_traces_,
                                          max_uops_));
  }
  int before = optimizer_stats_.guards_before;
  absl::StrAppend(&out, absl::StrFormat(
                            "  guards removed by the optimizer: %d of %d (%.1f%%); constants "
                            "folded: %d\n",
                            optimizer_stats_.guards_removed, before,
                            before ? 100.0 * optimizer_stats_.guards_removed / before : 0.0,
                            optimizer_stats_.constants_folded));
  struct Exit {
    uint64_t count;
    const Trace* trace;
    size_t uop;
  };
  std::vector<Exit> exits;
  for (const Executor* e : executors()) {
    for (size_t i = 0; i < e->exit_counts().size(); ++i) {
      if (e->exit_counts()[i] != 0) exits.push_back(Exit{e->exit_counts()[i], &e->trace(), i});
    }
  }
  std::sort(exits.begin(), exits.end(), [](const Exit& a, const Exit& b) {
    return a.count > b.count;
  });
  absl::StrAppend(&out, "  trace entries: ", entries_, ", exits taken: ", totals.exits, "\n");
  for (size_t i = 0; i < exits.size() && i < 5; ++i) {
    const Uop& u = exits[i].trace->uops[exits[i].uop];
    absl::StrAppend(&out, "    ", exits[i].count, "  ", exits[i].trace->function, " head=@",
                    exits[i].trace->loop_head, " uop ", exits[i].uop, " ", InfoOf(u.op).name,
                    " @", u.pc, " -> @", u.exit_pc, "\n");
  }
  double t2 = seconds(tier2_time_), compile = seconds(compile_time_);
  double t1 = std::max(0.0, total_seconds - t2 - compile);
  absl::StrAppend(&out, absl::StrFormat(
                            "  time: tier 1 %.6f s, tier 2 %.6f s, compiling %.6f s (total "
                            "%.6f s)\n",
                            t1, t2, compile, total_seconds));
  if (compiled_uops_ > 0) {
    double codegen = seconds(codegen_time_);
    size_t ntraces = std::max<size_t>(compiled_traces_, 1);
    absl::StrAppend(&out, absl::StrFormat(
                              "  compile: %.1f us per trace, %.0f ns per uop; of which the "
                              "backend: %.1f us per trace, %.0f ns per uop\n",
                              1e6 * compile / ntraces, 1e9 * compile / compiled_uops_,
                              1e6 * codegen / ntraces, 1e9 * codegen / compiled_uops_));
    absl::StrAppend(&out, absl::StrFormat("  code: %d bytes, %.1f bytes per uop\n",
                                          totals.code_bytes,
                                          double(totals.code_bytes) / compiled_uops_));
  }
  std::set<const Backend*> backends = {policy_->FirstBackend()};
  for (const auto& [name, n] : decisions_.compiled_by) backends.insert(FindBackend(name));
  for (const Backend* b : backends) {
    if (b != nullptr) absl::StrAppend(&out, b->StatsReport());
  }
  for (const std::string& why : declined_) absl::StrAppend(&out, "  declined: ", why, "\n");
  return out;
}

}  // namespace pyjit
