#include "ir/tag_facts.h"

#include <algorithm>
#include <utility>

#include "runtime/value.h"

namespace pyjit {
namespace {

constexpr UopTypeFacts FactsOf(UopId op) {
  switch (op) {
#define PJ_TYPE_FACTS_CASE(name, result, top, second) \
  case UopId::name:                                  \
    return UopTypeFacts{result, top, second};
    PJ_UOP_TYPE_FACTS(PJ_TYPE_FACTS_CASE)
#undef PJ_TYPE_FACTS_CASE
    default:
      return UopTypeFacts{};  // the uop teaches nothing about tags
  }
}

const UopTypeFacts kTypeFacts[] = {
#define PJ_FACTS_ENTRY(name, pops, pushes, kinds, flags) FactsOf(UopId::name),
    PJ_UOPS(PJ_FACTS_ENTRY)
#undef PJ_FACTS_ENTRY
};

}  // namespace

const UopTypeFacts& TypeFactsOf(UopId op) { return kTypeFacts[static_cast<int>(op)]; }

void TagFacts::Refine(int n, int tag) {
  if (tag == kUnknownTag || static_cast<int>(stack_.size()) < n) return;
  Entry& e = stack_[stack_.size() - n];
  e.tag = tag;
  if (e.local < 0) return;
  // Every copy of the local, and the local itself, has the tag now.
  locals_[e.local] = tag;
  for (Entry& other : stack_) {
    if (other.local == e.local) other.tag = tag;
  }
}

bool TagFacts::Proves(const Uop& u) const {
  const UopTypeFacts& f = TypeFactsOf(u.op);
  if (!(InfoOf(u.op).flags & PJ_F_GUARD) || (f.top == kUnknownTag && f.second == kUnknownTag)) {
    return false;
  }
  auto holds = [&](int n, int tag) {
    return tag == kUnknownTag || (depth() >= n && top(n).tag == tag);
  };
  return holds(1, f.top) && holds(2, f.second);
}

void TagFacts::Apply(const Uop& u) {
  auto push = [&](int tag, int local = -1) { stack_.push_back(Entry{tag, local}); };
  // The uops that move values between locals and the stack keep what is
  // known of them; every other uop is described by its table facts.
  switch (u.op) {
    case UopId::LOAD_FAST:
    case UopId::LOAD_FAST_BOUND:
      bound_[u.oparg] = true;  // it went on: the check passed
      push(locals_[u.oparg], u.oparg);
      return;
    case UopId::STORE_FAST:
      bound_[u.oparg] = true;
      locals_[u.oparg] = top(1).tag;
      Pop(1);
      for (Entry& e : stack_) {
        if (e.local == u.oparg) e.local = -1;  // the local has a new value
      }
      return;
    case UopId::LOAD_CONST:
      push(u.oparg);
      return;
    case UopId::COPY:
      push(top(u.oparg).tag, top(u.oparg).local);
      return;
    case UopId::SWAP:
      std::swap(stack_[stack_.size() - 1], stack_[stack_.size() - u.oparg]);
      return;
    case UopId::ITER_NEXT_RANGE:
    case UopId::ITER_NEXT_LIST:
    case UopId::FOR_ITER:
      push(TypeFactsOf(u.op).result);  // the iterator stays below the item
      return;
    case UopId::LIST_APPEND:
      Pop(1);  // the list stays where it was
      return;
    default:
      break;
  }
  const UopTypeFacts& f = TypeFactsOf(u.op);
  if (InfoOf(u.op).flags & PJ_F_GUARD) {
    Refine(1, f.top);
    Refine(2, f.second);
    if (UopPops(u.op, u.oparg) == UopPushes(u.op, u.oparg)) return;  // checked, not moved
  }
  // No uop writes a local but STORE_FAST, and none changes the entries
  // below its inputs; the last of its outputs has the result's tag.
  Pop(UopPops(u.op, u.oparg));
  const int pushes = UopPushes(u.op, u.oparg);
  for (int i = 0; i < pushes; ++i) push(i + 1 == pushes ? f.result : kUnknownTag);
}

void TagFacts::Meet(const TagFacts& other) {
  for (size_t i = 0; i < locals_.size(); ++i) {
    bound_[i] = bound(i) && other.bound(i);
    if (locals_[i] != other.locals_[i]) locals_[i] = kUnknownTag;
  }
  for (size_t k = 0; k < stack_.size(); ++k) {
    if (stack_[k].tag != other.stack_[k].tag) stack_[k].tag = kUnknownTag;
    if (stack_[k].local != other.stack_[k].local) stack_[k].local = -1;
  }
}

int LocalCount(const Trace& trace) {
  if (trace.code != nullptr) return trace.code->nlocals();
  int n = 0;
  for (const Uop& u : trace.uops) {
    if (InfoOf(u.op).oparg == OpargKind::kLocal) n = std::max(n, u.oparg + 1);
  }
  return n;
}

TagFacts LoopHeadFacts(const Trace& trace) {
  const size_t start = static_cast<size_t>(trace.loop_start);
  auto run = [&](TagFacts facts, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) facts.Apply(trace.uops[i]);
    return facts;
  };
  auto at_head = [](TagFacts facts) {
    for (TagFacts::Entry& e : facts.stack_) e.local = -1;
    return facts;
  };
  const TagFacts nothing(LocalCount(trace), trace.entry_depth);
  // Entry from the first iteration.
  TagFacts head = at_head(start > 0 ? run(nothing, 0, start)
                                    : run(nothing, 0, trace.uops.size()));
  for (;;) {
    TagFacts next = head;
    next.Meet(at_head(run(head, start, trace.uops.size())));
    if (next.locals_ == head.locals_ && next.bound_ == head.bound_ &&
        std::equal(next.stack_.begin(), next.stack_.end(), head.stack_.begin(),
                   [](const TagFacts::Entry& a, const TagFacts::Entry& b) { return a.tag == b.tag; })) {
      return head;
    }
    head = std::move(next);
  }
}

}  // namespace pyjit
