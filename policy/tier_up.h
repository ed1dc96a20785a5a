// The tiering policy: when a loop head is hot enough, project its trace,
// optimize it (unless told not to), verify it, and compile it with the
// chosen backend. Also keeps what `--stats` and `dump-ir` report.
#ifndef PYJIT_POLICY_TIER_UP_H_
#define PYJIT_POLICY_TIER_UP_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "ir/optimizer.h"
#include "runtime/code.h"
#include "runtime/tier2.h"

namespace pyjit {

struct TierUpOptions {
  // Back edges before a loop head is compiled. 16 measured best on the
  // loop-heavy benchmarks: see policy/README.md.
  uint32_t threshold = 16;
  bool optimize = true;
  // Time tier 2 and compilation (for --stats); off, entering a trace costs
  // no clock reads.
  bool measure_time = false;
};

class TierUp : public Tier2 {
 public:
  TierUp(const Program& program, Backend* backend, TierUpOptions options);

  uint32_t hot_threshold() const override { return options_.threshold; }
  LoopExecutor* OnHotLoop(const CodeObject& code, int loop_head, const PjFrame* frame) override;
  bool Enter(LoopExecutor* executor, PjFrame* frame) override;

  // Every executor made so far, in the order they were made.
  std::vector<const Executor*> executors() const;
  // The --stats report; `total_seconds` is the whole run's time.
  std::string StatsReport(double total_seconds) const;

  // The numbers the benchmark harness records per run.
  struct Summary {
    size_t traces = 0;
    size_t uops = 0;               // in all traces compiled
    size_t code_bytes = 0;
    uint64_t exits = 0;
    double compile_seconds = 0;    // projection to executable code
    double backend_seconds = 0;    // the backend's Compile alone
    // When each trace was ready, in seconds since this TierUp was made.
    std::vector<double> compiled_at;
  };
  Summary summary() const;

 private:
  using Clock = std::chrono::steady_clock;

  const Program& program_;
  Backend* backend_;
  TierUpOptions options_;
  std::vector<PjValue> builtins_;  // per global slot
  std::vector<std::unique_ptr<Executor>> executors_;
  std::vector<std::string> declined_;  // why, per declined loop head
  int fallbacks_ = 0;  // traces the interp backend runs because backend_ failed
  OptimizerStats optimizer_stats_;
  Clock::duration tier2_time_{};
  Clock::duration compile_time_{};  // all of OnHotLoop
  Clock::duration codegen_time_{};  // backend_->Compile alone
  size_t compiled_uops_ = 0;
  Clock::time_point created_ = Clock::now();
  std::vector<double> compiled_at_;
  uint64_t entries_ = 0;
};

}  // namespace pyjit

#endif  // PYJIT_POLICY_TIER_UP_H_
