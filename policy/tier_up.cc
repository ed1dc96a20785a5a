#include "policy/tier_up.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ir/projector.h"
#include "backends/registry.h"
#include "ir/verifier.h"
#include "runtime/builtins.h"

namespace pyjit {

TierUp::TierUp(const Program& program, Backend* backend, TierUpOptions options)
    : program_(program), backend_(backend), options_(options) {
  for (const std::string& name : program.global_names) builtins_.push_back(LookupBuiltin(name));
}

LoopExecutor* TierUp::OnHotLoop(const CodeObject& code, int loop_head, const PjFrame* frame) {
  Clock::time_point start = Clock::now();
  ProjectionInput input{&code, loop_head, frame->stack_depth, frame->globals, &builtins_};
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
  Clock::time_point codegen_start = Clock::now();
  absl::StatusOr<std::unique_ptr<Executor>> executor = backend_->Compile(*trace);
  Clock::time_point end = Clock::now();
  codegen_time_ += end - codegen_start;
  compile_time_ += end - start;
  compiled_uops_ += trace->uops.size();
  if (!executor.ok()) {
    // The backend could not compile this trace: the reference interpreter
    // runs it instead, so that one backend's limit is not a loss of tier 2.
    declined_.push_back(absl::StrCat(backend_->name(), ": ", executor.status().message()));
    Backend* interp = FindBackend("interp");
    if (interp == nullptr || interp == backend_) return nullptr;
    executor = interp->Compile(*trace);
    if (!executor.ok()) return nullptr;
    ++fallbacks_;
  }
  executors_.push_back(std::move(*executor));
  compiled_at_.push_back(std::chrono::duration<double>(Clock::now() - created_).count());
  return executors_.back().get();
}

bool TierUp::Enter(LoopExecutor* executor, PjFrame* frame) {
  ++entries_;
  if (!options_.measure_time) return executor->Run(frame);
  Clock::time_point start = Clock::now();
  bool ok = executor->Run(frame);
  tier2_time_ += Clock::now() - start;
  return ok;
}

TierUp::Summary TierUp::summary() const {
  Summary s;
  s.traces = executors_.size();
  s.uops = compiled_uops_;
  for (const auto& e : executors_) {
    s.code_bytes += e->code_size();
    for (uint64_t n : e->exit_counts()) s.exits += n;
  }
  s.compile_seconds = std::chrono::duration<double>(compile_time_).count();
  s.backend_seconds = std::chrono::duration<double>(codegen_time_).count();
  s.compiled_at = compiled_at_;
  return s;
}

std::vector<const Executor*> TierUp::executors() const {
  std::vector<const Executor*> out;
  for (const auto& e : executors_) out.push_back(e.get());
  return out;
}

std::string TierUp::StatsReport(double total_seconds) const {
  auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
  std::string out = absl::StrCat("pyjit stats (backend ", backend_->name(), ", threshold ",
                                 options_.threshold, ", optimizer ",
                                 options_.optimize ? "on" : "off", ")\n");
  size_t min_uops = SIZE_MAX, max_uops = 0, total_uops = 0;
  for (const auto& e : executors_) {
    size_t n = e->trace().uops.size();
    min_uops = std::min(min_uops, n);
    max_uops = std::max(max_uops, n);
    total_uops += n;
  }
  absl::StrAppend(&out, "  traces made: ", executors_.size(), ", declined: ", declined_.size(),
                  ", run by interp after the backend failed: ", fallbacks_, "\n");
  if (!executors_.empty()) {
    absl::StrAppend(&out, absl::StrFormat("  uops per trace: min %d, mean %.1f, max %d\n",
                                          min_uops, double(total_uops) / executors_.size(),
                                          max_uops));
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
  Summary totals = summary();
  std::vector<Exit> exits;
  for (const auto& e : executors_) {
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
    size_t ntraces = std::max<size_t>(executors_.size(), 1);
    absl::StrAppend(&out, absl::StrFormat(
                              "  compile: %.1f us per trace, %.0f ns per uop; of which the "
                              "backend: %.1f us per trace, %.0f ns per uop\n",
                              1e6 * compile / ntraces, 1e9 * compile / compiled_uops_,
                              1e6 * codegen / ntraces, 1e9 * codegen / compiled_uops_));
    absl::StrAppend(&out, absl::StrFormat("  code: %d bytes, %.1f bytes per uop\n",
                                          totals.code_bytes,
                                          double(totals.code_bytes) / compiled_uops_));
  }
  absl::StrAppend(&out, backend_->StatsReport());
  for (const std::string& why : declined_) absl::StrAppend(&out, "  declined: ", why, "\n");
  return out;
}

}  // namespace pyjit
