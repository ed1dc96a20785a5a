#include "ir/loop_globals.h"

#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "ir/uop_table.h"

namespace pyjit {
namespace {

constexpr int kNotAGlobal = -1;

bool IsGlobalGuard(UopId op) {
  return op == UopId::GUARD_CALLEE_CODE || op == UopId::GUARD_CALLEE_BUILTIN ||
         op == UopId::GUARD_MODULE_IS;
}

}  // namespace

int DropRecheckedGlobals(Trace& trace) {
  if (!trace.Loops() || trace.loop_start <= 0) return 0;
  std::set<int> stored;
  for (const Uop& u : trace.uops) {
    if (InfoOf(u.op).flags & PJ_F_ESCAPES) return 0;
    if (u.op == UopId::STORE_GLOBAL) stored.insert(u.oparg);
  }
  // Which global each stack entry was loaded from, bottom first.
  std::vector<int> origin(static_cast<size_t>(trace.entry_depth), kNotAGlobal);
  // What the first iteration checked: (guard, operand, global), and the
  // globals it found not shadowing their builtin.
  std::set<std::tuple<UopId, uint64_t, int>> guarded;
  std::set<int> unshadowed;
  int dropped = 0;
  std::vector<Uop> out;
  out.reserve(trace.uops.size());
  int new_loop_start = trace.loop_start;
  for (size_t i = 0; i < trace.uops.size(); ++i) {
    Uop u = trace.uops[i];
    const bool in_body = static_cast<int>(i) >= trace.loop_start;
    if (static_cast<int>(i) == trace.loop_start) {
      new_loop_start = static_cast<int>(out.size());
      // The body is entered from the first iteration and from itself: a
      // value already on the stack may have come from either.
      origin.assign(origin.size(), kNotAGlobal);
    }
    const int pops = UopPops(u.op, u.oparg), pushes = UopPushes(u.op, u.oparg);
    const int depth = static_cast<int>(origin.size());
    if (IsGlobalGuard(u.op)) {
      const int global = origin[depth - u.oparg - 1];
      if (global != kNotAGlobal && stored.count(global) == 0) {
        const auto key = std::make_tuple(u.op, u.operand, global);
        if (!in_body) {
          guarded.insert(key);
        } else if (guarded.count(key) != 0) {
          ++dropped;
          continue;  // checked, not moved: the stack is as it was
        }
      }
      out.push_back(u);
      continue;
    }
    if (u.op == UopId::LOAD_GLOBAL_BUILTIN && stored.count(u.oparg) == 0) {
      if (!in_body) {
        unshadowed.insert(u.oparg);
      } else if (unshadowed.count(u.oparg) != 0) {
        const int global = u.oparg;
        u.op = UopId::LOAD_CONST;
        u.oparg = PJ_TAG_BUILTIN;
        u.exit_pc = -1;
        ++dropped;
        out.push_back(u);
        origin.push_back(global);
        continue;
      }
    }
    out.push_back(u);
    if (u.op == UopId::LOAD_GLOBAL || u.op == UopId::LOAD_GLOBAL_BUILTIN) {
      origin.push_back(u.oparg);
    } else if (u.op == UopId::COPY) {
      origin.push_back(origin[depth - u.oparg]);
    } else if (u.op == UopId::SWAP) {
      std::swap(origin[depth - 1], origin[depth - u.oparg]);
    } else if ((InfoOf(u.op).flags & PJ_F_GUARD) && pops == pushes) {
      // checked, not moved
    } else {
      origin.resize(static_cast<size_t>(depth - pops));
      origin.resize(static_cast<size_t>(depth - pops + pushes), kNotAGlobal);
    }
  }
  if (dropped == 0) return 0;
  trace.uops = std::move(out);
  trace.loop_start = new_loop_start;
  return dropped;
}

}  // namespace pyjit
