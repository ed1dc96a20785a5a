#include "ir/optimizer.h"

#include <cstdint>
#include <map>
#include <vector>

#include "ir/tag_facts.h"
#include "runtime/value.h"

namespace pyjit {
namespace {

// What is known about one stack value. Its tag follows the same table as
// every other type propagation (PJ_UOP_TYPE_FACTS through TypeFactsOf, in
// ir/tag_facts.h); constants are the optimizer's own.
struct Known {
  int tag = kUnknownTag;
  bool constant = false;  // an int or bool constant, `value`
  int64_t value = 0;
  int local = -1;  // the local it was loaded from, while that is unchanged
};

class TraceOptimizer {
 public:
  TraceOptimizer(const Trace& in, OptimizerStats* stats) : in_(in), stats_(stats) {}

  Trace Run() {
    Trace out = in_;
    out.uops.clear();
    for (const Uop& u : in_.uops) {
      if (InfoOf(u.op).flags & PJ_F_GUARD) ++stats_->guards_before;
      Visit(u, out.uops);
    }
    return out;
  }

 private:
  Known Pop() {
    if (stack_.empty()) return Known{};  // below the trace's own pushes
    Known k = stack_.back();
    stack_.pop_back();
    return k;
  }
  Known& Peek(int depth) {  // 1 = top
    static Known unknown;
    unknown = Known{};
    if (static_cast<int>(stack_.size()) < depth) return unknown;
    return stack_[stack_.size() - depth];
  }
  void Push(Known k) { stack_.push_back(k); }
  void Forget() {  // a value below the trace's pushes cannot be tracked
    for (Known& k : stack_) k.constant = false;
  }

  // True when the last two emitted uops are the constants now on top.
  static bool LastTwoAreConstants(const std::vector<Uop>& out) {
    return out.size() >= 2 && out[out.size() - 1].op == UopId::LOAD_CONST &&
           out[out.size() - 2].op == UopId::LOAD_CONST;
  }

  void RemoveGuard() { ++stats_->guards_removed; }

  void Visit(const Uop& u, std::vector<Uop>& out) {
    switch (u.op) {
      case UopId::LOAD_CONST: {
        Known k{u.oparg};
        if (k.tag == PJ_TAG_INT || k.tag == PJ_TAG_BOOL) {
          k.constant = true;
          k.value = static_cast<int64_t>(u.operand);
        }
        Push(k);
        out.push_back(u);
        return;
      }
      case UopId::LOAD_FAST: {
        auto it = locals_.find(u.oparg);
        Known k{it == locals_.end() ? kUnknownTag : it->second};
        k.local = u.oparg;
        Push(k);
        out.push_back(u);
        return;
      }
      case UopId::STORE_FAST:
        locals_[u.oparg] = Pop().tag;
        for (Known& k : stack_) {
          if (k.local == u.oparg) k.local = -1;  // no longer that local's value
        }
        out.push_back(u);
        return;
      case UopId::GUARD_BOTH_INT:
      case UopId::GUARD_BOTH_FLOAT:
      case UopId::GUARD_TOS_INT:
      case UopId::GUARD_NOS_LIST:
      case UopId::GUARD_ITER_RANGE:
      case UopId::GUARD_ITER_LIST: {
        // Gone when what it checks is known; otherwise what it proves is.
        const UopTypeFacts& f = TypeFactsOf(u.op);
        auto holds = [&](int depth, int tag) { return tag == kUnknownTag || Peek(depth).tag == tag; };
        if (holds(1, f.top) && holds(2, f.second)) return RemoveGuard();
        if (f.top != kUnknownTag) SetTrackedTag(1, f.top);
        if (f.second != kUnknownTag) SetTrackedTag(2, f.second);
        out.push_back(u);
        return;
      }
      case UopId::BINARY_OP_ADD_INT:
      case UopId::BINARY_OP_SUB_INT:
      case UopId::BINARY_OP_MUL_INT: {
        Known b = Pop(), a = Pop();
        int64_t r;
        bool overflow = u.op == UopId::BINARY_OP_ADD_INT ? __builtin_add_overflow(a.value, b.value, &r)
                        : u.op == UopId::BINARY_OP_SUB_INT
                            ? __builtin_sub_overflow(a.value, b.value, &r)
                            : __builtin_mul_overflow(a.value, b.value, &r);
        if (a.constant && b.constant && a.tag == PJ_TAG_INT && b.tag == PJ_TAG_INT &&
            !overflow && LastTwoAreConstants(out)) {
          Fold(out, u, PJ_TAG_INT, r);
          return;
        }
        Push(Known{TypeFactsOf(u.op).result});
        out.push_back(u);
        return;
      }
      case UopId::COMPARE_INT: {
        Known b = Pop(), a = Pop();
        if (a.constant && b.constant && LastTwoAreConstants(out)) {
          Fold(out, u, PJ_TAG_BOOL, pj_order_compare_i64(a.value, b.value, u.oparg));
          return;
        }
        Push(Known{TypeFactsOf(u.op).result});
        out.push_back(u);
        return;
      }
      case UopId::GUARD_CALLEE_CODE:
      case UopId::GUARD_CALLEE_BUILTIN:  // checks; moves nothing
        out.push_back(u);
        return;
      case UopId::GUARD_TRUE_POP:
      case UopId::GUARD_FALSE_POP: {
        Known c = Pop();
        bool want = u.op == UopId::GUARD_TRUE_POP;
        if (c.constant && (c.value != 0) == want && !out.empty() &&
            out.back().op == UopId::LOAD_CONST) {
          out.pop_back();  // the constant was only for this guard
          RemoveGuard();
          return;
        }
        out.push_back(u);
        return;
      }
      case UopId::COPY: {
        Known k = Peek(u.oparg);
        k.constant = false;  // two users now: never fold its producer away
        Push(k);
        Peek(u.oparg + 1).constant = false;
        out.push_back(u);
        return;
      }
      case UopId::SWAP:
        if (static_cast<int>(stack_.size()) >= u.oparg) {
          std::swap(stack_[stack_.size() - 1], stack_[stack_.size() - u.oparg]);
        }
        Forget();
        out.push_back(u);
        return;
      default:
        break;
    }
    // Everything else: pop and push values nothing is known about, except
    // what the uop's kind says.
    int pops = UopPops(u.op, u.oparg), pushes = UopPushes(u.op, u.oparg);
    for (int i = 0; i < pops; ++i) Pop();
    const int result = TypeFactsOf(u.op).result;
    for (int i = 0; i < pushes; ++i) Push(Known{i + 1 == pushes ? result : kUnknownTag});
    out.push_back(u);
  }

  // Records that the value `depth` deep has `tag` (when it is tracked).
  void SetTrackedTag(int depth, int tag) {
    if (static_cast<int>(stack_.size()) < depth) return;
    Known& k = stack_[stack_.size() - depth];
    k.tag = tag;
    // A guard on a local's value tells the local's type too, until stored.
    if (k.local >= 0) locals_[k.local] = tag;
  }

  void Fold(std::vector<Uop>& out, const Uop& u, uint64_t tag, int64_t value) {
    out.pop_back();
    out.pop_back();
    Uop c;
    c.op = UopId::LOAD_CONST;
    c.oparg = static_cast<int32_t>(tag);
    c.operand = static_cast<uint64_t>(value);
    c.pc = u.pc;
    c.frame = u.frame;
    out.push_back(c);
    Push(Known{static_cast<int>(tag), true, value});
    ++stats_->constants_folded;
  }

  const Trace& in_;
  OptimizerStats* stats_;
  std::vector<Known> stack_;  // the values this trace pushed, top last
  std::map<int, int> locals_;  // local -> tag
};

}  // namespace

Trace OptimizeTrace(const Trace& trace, OptimizerStats* stats) {
  OptimizerStats ignored;
  return TraceOptimizer(trace, stats ? stats : &ignored).Run();
}

}  // namespace pyjit
