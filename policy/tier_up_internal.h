// What tier_up.cc, tier_up_report.cc and code_cache.cc share of TierUp's
// insides: its two records and its constants. Not for other packages.
#ifndef PYJIT_POLICY_TIER_UP_INTERNAL_H_
#define PYJIT_POLICY_TIER_UP_INTERNAL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "backends/backend.h"
#include "policy/tier_up.h"

namespace pyjit {

// Entries per look at how often a loop's trace leaves its body, and how
// many of them may so leave before the trace is dropped.
constexpr uint64_t kInvalidationWindow = 64;
// A loop trace entered this often whose side trace at one branch guard
// runs on 3 in 4 of them followed its branch the wrong way: retraced, at
// most kMaxMispredictRetraces times per slot.
constexpr uint64_t kMispredictEntries = 256;
constexpr int kMaxMispredictRetraces = 2;
constexpr uint64_t kInvalidationExits = 32;
// Drops of one loop before it is left to tier 1 for good.
constexpr int kMaxInvalidations = 6;
// An exit trace that reaches no back edge is made only from this many
// uops: shorter, tier 1 runs its instructions faster than a trace entry.
constexpr size_t kMinExitTraceUops = 32;
// Side traces of side traces, down to this many levels (a loop trace's own
// side traces are level 1): a body with several independent branches
// needs one level per branch taken the other way.
constexpr int kMaxSideLevels = 4;
// Times a recursive function's trace waits (twice as many calls each time)
// for tier 1 to run the instructions on its path that have not run yet.
constexpr int kMaxUnrunWaits = 3;
// A watched trace's time inside is sampled past this many entries.
constexpr uint64_t kSampleStride = 16;


struct TierUp::Compiled {
  std::unique_ptr<Executor> executor;
  Backend* backend = nullptr;
  uint64_t entries = 0;
  double seconds = 0;
  bool watched = false;  // timed and offered to Policy::Promote after each entry
  size_t serial = 0;  // creation order, for listings
  // Its code as compiled callers may enter it (function slots' traces with
  // machine code), and the slot it belongs to.
  DirectTrace direct;
  // &direct while other traces' exits may link here (Relink), else null.
  const DirectTrace* linkable = nullptr;
  Slot* slot = nullptr;
  // A side trace's own side traces, by its exit uop, and the exits where
  // one was declined (a slot's loop trace keeps its in Slot::sides, which
  // outlive its recompilation). `level`: 0 the slot's trace, 1 its side
  // traces, 2 theirs...
  std::map<size_t, std::unique_ptr<Compiled>> sides;
  std::vector<bool> no_side;
  int level = 0;
  // By exit uop: the exit count a side trace's compile waits for after the
  // budget put it off (twice the count at the deferral), so that an exit
  // taken every iteration asks the budget again after 2x, 4x... as many.
  std::map<size_t, uint64_t> side_wait;
  // Its recompile by a better backend, while the background compiler has it.
  std::shared_ptr<BackgroundJob> promotion;
};

struct TierUp::Slot : EntryExecutor {
  Slot(TierUp* owner, const CodeObject* code, int head, bool function_entry)
      : owner(owner), code(code), loop_head(head), function_entry(function_entry) {}
  bool Run(PjFrame* frame) override {
    return function_entry ? owner->RunFunction(*this, frame) : owner->RunSlot(*this, frame);
  }

  TierUp* owner;
  const CodeObject* code;
  int loop_head;  // 0 for a function's entry
  bool function_entry;  // a function trace's slot: no loop to close
  int back_edge_pc = -1;  // the JUMP_BACKWARD that closes the loop, when traced
  std::unique_ptr<Compiled> loop;  // null: nothing compiled now
  // `loop`'s direct trace while compiled code may enter it (Relink): what
  // exits that reach this loop's back edge (or, for a function, what
  // CodeObject::direct_trace) link to.
  const DirectTrace* published = nullptr;
  std::map<size_t, std::unique_ptr<Compiled>> sides;  // by exit uop of `loop`
  // By exit uop of `loop`: whether its side trace was declined. Looked at
  // on every exit, so a vector, not a set.
  std::vector<bool> no_side;
  uint32_t wait = 0;  // entries to let tier 1 run before retracing
  int drops = 0;
  int mispredicted = 0;  // retraces because the trace's branch went the other way
  bool blacklisted = false;
  uint64_t last_entered = 0;
  uint64_t window_entries = 0, window_body_exits = 0;
  uint64_t window_returns = 0;  // function traces: entries it carried to the return
  uint64_t window_direct_base = 0;  // function traces: code's direct_returns at the window's start
  bool window_deferred = false;  // function traces: a side trace was put off in the window
  CodeObject* function_code = nullptr;  // a function slot's code, to hand it back
};

// Calls f on every trace below `sides` (a Slot's or a Compiled's), depth
// first.
template <typename Sides, typename F>
void ForEachSide(Sides& sides, const F& f) {
  for (auto& [exit, side] : sides) {
    f(*side);
    ForEachSide(side->sides, f);
  }
}

}  // namespace pyjit

#endif  // PYJIT_POLICY_TIER_UP_INTERNAL_H_
