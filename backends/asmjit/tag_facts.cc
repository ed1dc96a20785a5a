#include "backends/asmjit/tag_facts.h"

#include "runtime/value.h"

namespace pyjit::asmjit_backend {

void TagFacts::Refine(int n, int tag) {
  Entry& e = stack_[stack_.size() - n];
  e.tag = tag;
  if (e.local < 0) return;
  // Every copy of the local, and the local itself, has the tag now.
  locals_[e.local] = tag;
  for (Entry& other : stack_) {
    if (other.local == e.local) other.tag = tag;
  }
}

void TagFacts::Apply(const Uop& u) {
  auto push = [&](int tag, int local = -1) { stack_.push_back(Entry{tag, local}); };
  auto top = [&](int n) -> Entry& { return stack_[stack_.size() - n]; };
  switch (u.op) {
    case UopId::LOAD_FAST:
      push(locals_[u.oparg], u.oparg);
      return;
    case UopId::STORE_FAST:
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
      std::swap(top(1), top(u.oparg));
      return;
    case UopId::GUARD_BOTH_INT:
      Refine(1, PJ_TAG_INT);
      Refine(2, PJ_TAG_INT);
      return;
    case UopId::GUARD_BOTH_FLOAT:
      Refine(1, PJ_TAG_FLOAT);
      Refine(2, PJ_TAG_FLOAT);
      return;
    case UopId::GUARD_TOS_INT:
      Refine(1, PJ_TAG_INT);
      return;
    case UopId::GUARD_NOS_LIST:
      Refine(2, PJ_TAG_LIST);
      return;
    case UopId::GUARD_ITER_RANGE:
      Refine(1, PJ_TAG_RANGE_ITER);
      return;
    case UopId::GUARD_ITER_LIST:
      Refine(1, PJ_TAG_SEQ_ITER);
      return;
    case UopId::BINARY_OP_ADD_INT:
    case UopId::BINARY_OP_SUB_INT:
    case UopId::BINARY_OP_MUL_INT:
    case UopId::BINARY_OP_FLOORDIV_INT:
    case UopId::BINARY_OP_MOD_INT:
    case UopId::BINARY_OP_AND_INT:
    case UopId::BINARY_OP_OR_INT:
    case UopId::BINARY_OP_XOR_INT:
      Pop(2);
      push(PJ_TAG_INT);
      return;
    case UopId::BINARY_OP_ADD_FLOAT:
    case UopId::BINARY_OP_SUB_FLOAT:
    case UopId::BINARY_OP_MUL_FLOAT:
    case UopId::BINARY_OP_TRUEDIV_FLOAT:
      Pop(2);
      push(PJ_TAG_FLOAT);
      return;
    case UopId::COMPARE_INT:
    case UopId::COMPARE_FLOAT:
      Pop(2);
      push(PJ_TAG_BOOL);
      return;
    case UopId::ITER_NEXT_RANGE:
      push(PJ_TAG_INT);
      return;
    default:
      // Anything else: its outputs are not known. No uop writes a local
      // but STORE_FAST, and none changes the entries below its inputs.
      Pop(UopPops(u.op, u.oparg));
      for (int i = 0; i < UopPushes(u.op, u.oparg); ++i) push(kUnknownTag);
      return;
  }
}

std::vector<int> LoopHeadLocalTags(const Trace& trace) {
  const int nlocals = trace.code->nlocals();
  // Facts at the loop head are those that hold on entry from the first
  // pass (the peeled iteration) and from every later back edge.
  auto after_one_pass = [&](std::vector<int> head) {
    TagFacts facts(nlocals, trace.entry_depth);
    facts.set_locals(std::move(head));
    for (const Uop& u : trace.uops) facts.Apply(u);
    return facts.locals();
  };
  std::vector<int> head = after_one_pass(std::vector<int>(nlocals, kUnknownTag));
  // Each round only forgets facts, so this ends within nlocals + 1 rounds.
  for (;;) {
    std::vector<int> next = after_one_pass(head);
    bool changed = false;
    for (int i = 0; i < nlocals; ++i) {
      if (next[i] != head[i] && head[i] != kUnknownTag) {
        head[i] = kUnknownTag;
        changed = true;
      }
    }
    if (!changed) return head;
  }
}

}  // namespace pyjit::asmjit_backend
