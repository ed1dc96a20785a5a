// A tiering policy: which trace gets compiled, when, by which backend, and
// what happens when that goes wrong. TierUp (tier_up.h) is the machinery
// (projection, compilation, side traces, eviction, invalidation) and asks
// the policy at each decision; a policy holds no code of its own.
//
// Three policies, chosen with --policy=NAME:
//   fixed     one backend, the one --backend names (the default);
//   tiered    a fast backend first, recompiled with an optimizing one once
//             the trace has stayed hot (--tiered-promote-entries/-ms);
//   adaptive  the same two backends, but a trace is recompiled when what it
//             would save (its measured time, scaled by the expected speed-up)
//             outweighs what it costs (its uops times the optimizing
//             backend's measured compile time per uop).
#ifndef PYJIT_POLICY_POLICY_H_
#define PYJIT_POLICY_POLICY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "backends/backend.h"

namespace pyjit {

struct PolicyOptions {
  // Back edges before a loop head is compiled. 16 measured best on the
  // loop-heavy benchmarks: see policy/README.md.
  uint32_t threshold = 16;
  // Longest trace, in uops.
  int max_trace_uops = 400;
  // Exits at one guard before the path it leaves to gets its own trace; 0
  // turns side traces off.
  uint32_t hot_exit = 16;
  // Trace a function called `threshold` times from its entry. A call from
  // compiled code to compiled code goes through C++
  // (Interpreter::CallFromCompiled, TierUp's slot), which costs more than
  // tier 1's own call, so a function trace that does not carry most calls
  // to the return is handed back to tier 1 (policy/README.md).
  bool function_traces = true;
  // Bytes of machine code all live traces may hold; 0 is no limit. Past it
  // the least recently entered loops are evicted (and retraced when hot
  // again).
  size_t code_budget = 0;
  // Seconds of compiling allowed per second of running, for every compile
  // (policy/compile_budget.h): 0.4 keeps any program within about 1.4x of
  // its time without a JIT; infinity compiles whenever a threshold says so.
  double compile_share = 0.4;
  // After a failed compile: run the trace on interp, or leave the loop to
  // tier 1 for good.
  enum class OnFailure { kInterp, kBlacklist } on_failure = OnFailure::kInterp;
  // The backend of `fixed`, and the first tier of the others.
  std::string backend;
  // The second tier of `tiered` and `adaptive`.
  std::string optimizing_backend = "llvm";
  // Iterations of a trace the policy may still promote between looks at
  // it: the trace leaves at that back edge, so that a loop entered once can
  // move up while it runs. 1024 costs well under 1% of the shortest loop.
  uint32_t look_every = 1024;
  // tiered: recompile after this many entries, or this much time inside.
  uint64_t promote_entries = 64;
  double promote_seconds = 0.002;
  // tiered and adaptive: recompile with the optimizing backend on a
  // background thread while the first-tier trace keeps running, installed
  // at a later look (policy/background_compiler.h). Off by default: a run's
  // timing then depends on the scheduler. Only for backends that compile
  // off the main thread (Backend::CompilesOffThread: llvm).
  bool background_promotions = false;
  // adaptive: how much faster the optimizing backend's code is expected to
  // run (a prior; the first-tier ratio in benchmarks/history is about 2).
  double expected_speedup = 2.0;
};

// What a policy sees of one compiled trace.
struct TraceStats {
  const Backend* backend = nullptr;
  size_t uops = 0;
  uint64_t entries = 0;
  double seconds_inside = 0;  // measured around each entry
};

class Policy {
 public:
  explicit Policy(PolicyOptions options) : options_(std::move(options)) {}
  virtual ~Policy() = default;
  virtual std::string name() const = 0;
  const PolicyOptions& options() const { return options_; }

  // The backend that compiles a trace the first time.
  virtual Backend* FirstBackend() const = 0;
  // After an entry of a trace: the backend to recompile it with now, or
  // null to keep it.
  virtual Backend* Promote(const TraceStats& trace) { (void)trace; return nullptr; }
  // Whether a trace compiled by `backend` may ever be promoted. Only those
  // are timed and shown to Promote: a clock read around every entry costs
  // more than a short trace (bigint_arith ran 40% slower timing them all).
  virtual bool MayPromote(const Backend& backend) const { (void)backend; return false; }
  // Told after every successful compile, for cost models.
  virtual void Compiled(const Backend& backend, size_t uops, double seconds) {
    (void)backend, (void)uops, (void)seconds;
  }
  // A line for --stats about the policy's own settings.
  virtual std::string Describe() const = 0;

 protected:
  PolicyOptions options_;
};

// "fixed", "tiered" or "adaptive"; an error names the known ones or the
// backend that is missing.
absl::StatusOr<std::unique_ptr<Policy>> MakePolicy(const std::string& name,
                                                   PolicyOptions options);
// The names MakePolicy knows, for help texts.
const char* PolicyNames();

}  // namespace pyjit

#endif  // PYJIT_POLICY_POLICY_H_
