// The code cache: what compiled code TierUp keeps, the code budget
// (--code-budget) and eviction, and code dropped only once no trace runs.
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/registry.h"
#include "policy/tier_up.h"
#include "policy/tier_up_internal.h"

namespace pyjit {

// Makes room for `executor` under --code-budget by dropping the least
// recently entered loops (`slot`, the one being compiled for, is spared); a
// trace too big even alone is recompiled by interp, which holds no machine
// code.
void TierUp::FitCodeBudget(const Trace& trace, Slot* slot,
                           absl::StatusOr<std::unique_ptr<Executor>>& executor,
                           Backend*& backend) {
  Backend* interp = FindBackend("interp");
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
}

void TierUp::Drop(Slot& slot) {
  Retire(std::move(slot.loop));
  for (auto& [exit, side] : slot.sides) Retire(std::move(side));
  slot.sides.clear();
  slot.no_side.clear();
  slot.window_entries = slot.window_body_exits = slot.window_returns = 0;
  Relink(slot);
}

void TierUp::Retire(std::unique_ptr<Compiled> trace) {
  if (trace == nullptr) return;
  for (uint64_t n : trace->executor->exit_counts()) retired_exits_ += n;
  ForEachSide(trace->sides, [&](const Compiled& side) {  // retired with it
    for (uint64_t n : side.executor->exit_counts()) retired_exits_ += n;
  });
  // A trace may be running further up the stack: free it later.
  if (running_ > 0) {
    graveyard_.push_back(std::move(trace));
  }
}

size_t TierUp::LiveCodeBytes() const {
  size_t bytes = 0;
  for (const auto& s : slots_) {
    if (s->loop) bytes += s->loop->executor->code_size();
    ForEachSide(s->sides, [&](const Compiled& side) { bytes += side.executor->code_size(); });
  }
  return bytes;
}

}  // namespace pyjit
