// TierUp's account of itself: the executors it runs, the summary the
// benchmark harness records, and the --stats report.
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "backends/registry.h"
#include "policy/tier_up.h"
#include "policy/tier_up_internal.h"

namespace pyjit {

std::vector<const Executor*> TierUp::executors() const {
  std::vector<const Compiled*> live;
  for (const auto& s : slots_) {
    if (s->loop) live.push_back(s->loop.get());
    ForEachSide(s->sides, [&](const Compiled& side) { live.push_back(&side); });
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
                                 ", IR passes ", IrPassList(options_.optimizer), ")\n");
  Summary totals = summary();
  absl::StrAppend(&out, "  traces made: ", compiled_traces_, " (", decisions_.function_traces,
                  " function entries, ", decisions_.functions_handed_back,
                  " handed back to tier 1), declined: ", declined_.size(),
                  ", run by interp after the backend failed: ", decisions_.fallbacks, "\n");
  std::string by;
  for (const auto& [name, n] : decisions_.compiled_by) {
    absl::StrAppend(&by, by.empty() ? "" : ", ", name, " ", n);
  }
  absl::StrAppend(&out, "  compiled by: ", by.empty() ? "none" : by, "\n");
  absl::StrAppend(
      &out, absl::StrFormat(
                "  decisions: %d recompiled by a better backend, %d side traces, %d evicted "
                "(budget %s), %d invalidated, %d retraced (%d for a branch that turned), %d over "
                "budget on interp, %d blacklisted; back edges linked without tier 1: %d; loop "
                "runs through linked exits: %d\n",
                decisions_.recompilations, decisions_.side_traces, decisions_.evictions,
                p.code_budget ? absl::StrCat(p.code_budget, " bytes") : "none",
                decisions_.invalidations, decisions_.retraced, decisions_.mispredicted,
                decisions_.over_budget,
                decisions_.blacklisted, decisions_.links, decisions_.linked_runs));
  absl::StrAppend(&out, "  side traces of side traces: ", decisions_.side_traces_of_side_traces,
                  "\n");
  const LinksFollowed links = CountLinksFollowed();
  absl::StrAppend(&out, "  exits linked to the next trace: ", links.all - links.by_dispatcher,
                  " followed in machine code, ", links.by_dispatcher,
                  " by RunLinked (code that returns instead: mir)\n");
  absl::StrAppend(&out, "  calls inlined: ", decisions_.inlined_calls,
                  ", side traces from inside them: ", decisions_.side_traces_in_inlined,
                  ", no longer inlined (left inside too often): ", decisions_.inlining_refused,
                  refused_calls_.empty() ? "" : absl::StrCat(" (", absl::StrJoin(refused_calls_, ", "), ")"),
                  "\n");
  absl::StrAppend(&out, "  compile budget: ",
                  budget_.unlimited()
                      ? std::string("unlimited")
                      : absl::StrFormat("%.2f s of compiling per s of running", budget_.share()),
                  ", compiles deferred: ", decisions_.deferred, "\n");
  if (background_ != nullptr) {
    absl::StrAppend(
        &out, absl::StrFormat("  background compiles: %d started, %d installed (%.6f s of "
                              "compiling off the main thread)\n",
                              decisions_.background_started, decisions_.background_installed,
                              std::chrono::duration<double>(background_time_).count()));
  }
  if (compiled_traces_ > 0) {
    absl::StrAppend(&out, absl::StrFormat("  uops per trace: min %d, mean %.1f, max %d\n",
                                          min_uops_, double(compiled_uops_) / compiled_traces_,
                                          max_uops_));
  }
  // What each IR pass did (ir/optimizer.h), so that a pass's effect can be
  // read next to the run's time with it on and off.
  const OptimizerStats& o = optimizer_stats_;
  auto share = [](int part, int whole) { return whole ? 100.0 * part / whole : 0.0; };
  absl::StrAppend(
      &out, absl::StrFormat("  IR pass peel: %d of %d loops peeled\n", o.loops_peeled, o.loops),
      absl::StrFormat("  IR pass types: guards removed %d of %d (%.1f%%), unbound checks "
                      "removed %d of %d (%.1f%%)\n",
                      o.guards_removed, o.guards_before, share(o.guards_removed, o.guards_before),
                      o.unbound_checks_removed, o.loads_before,
                      share(o.unbound_checks_removed, o.loads_before)),
      absl::StrFormat("  IR pass fold: constants folded %d\n", o.constants_folded),
      absl::StrFormat("  IR pass globals: re-checks of globals removed %d\n",
                      o.global_rechecks_removed));
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
  // Calls compiled code made straight into a function trace (DirectTrace)
  // that ran to the return: no entry or exit of theirs is counted above.
  uint64_t direct = 0;
  std::set<const CodeObject*> functions;
  for (const auto& slot : slots_) {
    if (slot->function_code != nullptr && functions.insert(slot->function_code).second) {
      direct += slot->function_code->direct_returns;
    }
  }
  absl::StrAppend(&out, "  trace entries: ", entries_, ", exits taken: ", totals.exits,
                  "; calls run directly to the return: ", direct, "\n");
  for (size_t i = 0; i < exits.size() && i < 5; ++i) {
    const Uop& u = exits[i].trace->uops[exits[i].uop];
    absl::StrAppend(&out, "    ", exits[i].count, "  ", exits[i].trace->function, " head=@",
                    exits[i].trace->loop_head, " uop ", exits[i].uop, " ", InfoOf(u.op).name,
                    " @", u.pc, " -> @", u.exit_pc,
                    u.frame == 0 ? "" : absl::StrCat(" in ", exits[i].trace->inlined[u.frame - 1].function),
                    "\n");
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
