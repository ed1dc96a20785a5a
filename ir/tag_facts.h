// What is known at compile time about the tags of a trace's values: for
// each local and each value-stack entry, its tag or kUnknownTag. Guards and
// typed uops teach it (PJ_UOP_TYPE_FACTS in uop_table.h says what each
// uop teaches); a guard on a value loaded from a local teaches it about the
// local too, until the local is stored.
//
// It also knows which locals are bound (stored, or loaded past the check):
// no uop unbinds a local (a DELETE_FAST uop would have to say so in Apply).
//
// One set of rules for every consumer: the optimizer (which drops guards
// that facts already prove), the asmjit emitter (which also elides guards
// and keeps typed payloads in registers), and the loop-head analysis both
// use (LoopHeadFacts), so that they cannot disagree.
#ifndef PYJIT_IR_TAG_FACTS_H_
#define PYJIT_IR_TAG_FACTS_H_

#include <vector>

#include "ir/trace.h"

namespace pyjit {

constexpr int kUnknownTag = -1;

// What one uop establishes (from PJ_UOP_TYPE_FACTS): the tag of its result,
// and the tags its guard proves of the top two stack entries.
struct UopTypeFacts {
  int result = kUnknownTag;
  int top = kUnknownTag;
  int second = kUnknownTag;
};
const UopTypeFacts& TypeFactsOf(UopId op);

class TagFacts {
 public:
  struct Entry {
    int tag = kUnknownTag;
    int local = -1;  // the local this value was loaded from, while still its value
  };

  TagFacts() = default;
  TagFacts(int nlocals, int depth)
      : locals_(nlocals, kUnknownTag), bound_(nlocals, false), stack_(depth) {}

  int local(int i) const { return locals_[i]; }
  const std::vector<int>& locals() const { return locals_; }
  // Whether local `i` certainly holds a value (LOAD_FAST cannot fail).
  bool bound(int i) const { return bound_[i] || locals_[i] != kUnknownTag; }
  int depth() const { return static_cast<int>(stack_.size()); }
  // Stack entry `k` counted from the bottom of the frame's value stack.
  const Entry& at(int k) const { return stack_[k]; }
  // The entry `n` from the top (1 = the top).
  const Entry& top(int n) const { return stack_[stack_.size() - n]; }
  void Pop(int n) { stack_.resize(stack_.size() - n); }

  // Whether every tag the guard `u` checks is already known to hold.
  bool Proves(const Uop& u) const;
  // The facts after `u` ran and went on to the next uop.
  void Apply(const Uop& u);
  // Keeps only what holds in both (a control-flow merge). Same shape.
  void Meet(const TagFacts& other);

 private:
  friend TagFacts LoopHeadFacts(const Trace& trace);

  // The entry `n` from the top has `tag`: a guard passed.
  void Refine(int n, int tag);

  std::vector<int> locals_;
  std::vector<bool> bound_;
  std::vector<Entry> stack_;
};

// How many locals a trace's uops may name: its code's, or for a trace
// parsed from text (no code), one past the highest LOAD_FAST/STORE_FAST.
int LocalCount(const Trace& trace);

// The facts that hold whenever a trace that loops reaches the first uop of
// its body (Trace::loop_start): on entry from the first iteration (the
// peeled uops before it or, unpeeled, one pass over the body from nothing
// known) and from every later JUMP_TO_TOP. The fixed point of the body's
// facts met with the entry's; it only forgets, so it ends. Values on the
// stack there are tier 1's own (no longer copies of a local).
TagFacts LoopHeadFacts(const Trace& trace);

}  // namespace pyjit

#endif  // PYJIT_IR_TAG_FACTS_H_
