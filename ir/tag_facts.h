// What is known at compile time about the tags of a trace's values: for
// each local and each value-stack entry, its tag or kUnknownTag. Guards and
// typed uops teach it (PJ_UOP_TYPE_FACTS in uop_table.h says what each
// uop teaches); a guard on a value loaded from a local teaches it about the
// local too, until the local is stored.
//
// One set of rules for every consumer: the optimizer (which drops guards
// that facts already prove), the asmjit emitter (which also elides guards
// and keeps typed payloads in registers) and its loop-head analysis, so
// that they cannot disagree.
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
  TagFacts(int nlocals, int depth) : locals_(nlocals, kUnknownTag), stack_(depth) {}

  int local(int i) const { return locals_[i]; }
  const std::vector<int>& locals() const { return locals_; }
  void set_locals(std::vector<int> tags) { locals_ = std::move(tags); }
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

 private:
  // The entry `n` from the top has `tag`: a guard passed.
  void Refine(int n, int tag);

  std::vector<int> locals_;
  std::vector<Entry> stack_;
};

}  // namespace pyjit

#endif  // PYJIT_IR_TAG_FACTS_H_
