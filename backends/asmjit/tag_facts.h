// What the asmjit emitter knows, at compile time, about the tags of a
// trace's values: for each local and each value-stack entry, its tag or
// kUnknownTag. Guards and typed uops teach it; a guard on a value loaded
// from a local teaches it about the local too (until the local is stored).
//
// One set of rules serves both the emitter (which elides guards and keeps
// typed payloads in registers) and LoopHeadLocalTags (which finds what holds
// at the loop head on every iteration), so the two cannot disagree.
#ifndef PYJIT_BACKENDS_ASMJIT_TAG_FACTS_H_
#define PYJIT_BACKENDS_ASMJIT_TAG_FACTS_H_

#include <vector>

#include "ir/trace.h"

namespace pyjit::asmjit_backend {

constexpr int kUnknownTag = -1;

class TagFacts {
 public:
  struct Entry {
    int tag = kUnknownTag;
    int local = -1;  // the local this value was loaded from, while still its value
  };

  TagFacts(int nlocals, int depth) : locals_(nlocals, kUnknownTag), stack_(depth) {}

  int local(int i) const { return locals_[i]; }
  const std::vector<int>& locals() const { return locals_; }
  void set_locals(std::vector<int> tags) { locals_ = std::move(tags); }
  int depth() const { return static_cast<int>(stack_.size()); }
  // Stack entry `k` counted from the bottom of the frame's value stack.
  const Entry& at(int k) const { return stack_[k]; }
  void Pop(int n) { stack_.resize(stack_.size() - n); }

  // The facts after `u` ran and went on to the next uop.
  void Apply(const Uop& u);

 private:
  // The entry `n` from the top (1 = the top) has `tag`: a guard passed.
  void Refine(int n, int tag);

  std::vector<int> locals_;
  std::vector<Entry> stack_;
};

// The tag of each local that holds whenever the trace reaches its top from
// its own JUMP_TO_TOP, given that it was entered with nothing known: the
// fixed point of the trace's facts, met with what one pass establishes.
std::vector<int> LoopHeadLocalTags(const Trace& trace);

}  // namespace pyjit::asmjit_backend

#endif  // PYJIT_BACKENDS_ASMJIT_TAG_FACTS_H_
