#include "ir/loop_peeling.h"

#include "ir/tag_facts.h"

namespace pyjit {
namespace {

// How many uops of [from, end) `facts` (the facts before `from`) make
// redundant: guards they prove, and LOAD_FASTs of locals they know bound.
int Redundant(const Trace& trace, TagFacts facts, size_t from) {
  int n = 0;
  for (size_t i = from; i < trace.uops.size(); ++i) {
    const Uop& u = trace.uops[i];
    if (facts.Proves(u) || (u.op == UopId::LOAD_FAST && facts.bound(u.oparg))) ++n;
    facts.Apply(u);
  }
  return n;
}

}  // namespace

Trace PeelLoop(const Trace& trace, bool* peeled) {
  *peeled = false;
  if (trace.loop_start != 0 || trace.uops.size() < 2 || !trace.Loops()) {
    return trace;
  }
  Trace out = trace;
  out.uops.assign(trace.uops.begin(), trace.uops.end() - 1);  // the first iteration
  out.loop_start = static_cast<int32_t>(out.uops.size());
  out.uops.insert(out.uops.end(), trace.uops.begin(), trace.uops.end());
  const int alone = Redundant(trace, TagFacts(LocalCount(trace), trace.entry_depth), 0);
  const int peeled_body = Redundant(out, LoopHeadFacts(out), out.loop_start);
  if (peeled_body <= alone) return trace;
  *peeled = true;
  return out;
}

}  // namespace pyjit
