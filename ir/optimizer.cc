#include "ir/optimizer.h"

#include <cstdint>
#include <map>
#include <vector>

#include "runtime/value.h"

namespace pyjit {
namespace {

enum class Kind { kUnknown, kInt, kFloat, kBool, kList };

// What is known about one stack value.
struct Known {
  Kind kind = Kind::kUnknown;
  bool constant = false;  // an int or bool constant, `value`
  int64_t value = 0;
  int local = -1;  // the local it was loaded from, while that is unchanged
};

Kind KindOfTag(uint64_t tag) {
  switch (tag) {
    case PJ_TAG_INT: return Kind::kInt;
    case PJ_TAG_FLOAT: return Kind::kFloat;
    case PJ_TAG_BOOL: return Kind::kBool;
    case PJ_TAG_LIST: return Kind::kList;
    default: return Kind::kUnknown;
  }
}

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
        Known k{KindOfTag(static_cast<uint64_t>(u.oparg))};
        if (k.kind == Kind::kInt || k.kind == Kind::kBool) {
          k.constant = true;
          k.value = static_cast<int64_t>(u.operand);
        }
        Push(k);
        out.push_back(u);
        return;
      }
      case UopId::LOAD_FAST: {
        Known k{locals_[u.oparg]};
        k.local = u.oparg;
        Push(k);
        out.push_back(u);
        return;
      }
      case UopId::STORE_FAST:
        locals_[u.oparg] = Pop().kind;
        for (Known& k : stack_) {
          if (k.local == u.oparg) k.local = -1;  // no longer that local's value
        }
        out.push_back(u);
        return;
      case UopId::GUARD_BOTH_INT:
      case UopId::GUARD_BOTH_FLOAT: {
        Kind want = u.op == UopId::GUARD_BOTH_INT ? Kind::kInt : Kind::kFloat;
        if (Peek(1).kind == want && Peek(2).kind == want) return RemoveGuard();
        SetTrackedKind(1, want);
        SetTrackedKind(2, want);
        out.push_back(u);
        return;
      }
      case UopId::GUARD_TOS_INT:
        if (Peek(1).kind == Kind::kInt) return RemoveGuard();
        SetTrackedKind(1, Kind::kInt);
        out.push_back(u);
        return;
      case UopId::GUARD_NOS_LIST:
        if (Peek(2).kind == Kind::kList) return RemoveGuard();
        SetTrackedKind(2, Kind::kList);
        out.push_back(u);
        return;
      case UopId::BINARY_OP_ADD_INT:
      case UopId::BINARY_OP_SUB_INT:
      case UopId::BINARY_OP_MUL_INT: {
        Known b = Pop(), a = Pop();
        int64_t r;
        bool overflow = u.op == UopId::BINARY_OP_ADD_INT ? __builtin_add_overflow(a.value, b.value, &r)
                        : u.op == UopId::BINARY_OP_SUB_INT
                            ? __builtin_sub_overflow(a.value, b.value, &r)
                            : __builtin_mul_overflow(a.value, b.value, &r);
        if (a.constant && b.constant && a.kind == Kind::kInt && b.kind == Kind::kInt &&
            !overflow && LastTwoAreConstants(out)) {
          Fold(out, u, PJ_TAG_INT, r);
          return;
        }
        Push(Known{Kind::kInt});
        out.push_back(u);
        return;
      }
      case UopId::COMPARE_INT: {
        Known b = Pop(), a = Pop();
        if (a.constant && b.constant && LastTwoAreConstants(out)) {
          Fold(out, u, PJ_TAG_BOOL, pj_order_compare_i64(a.value, b.value, u.oparg));
          return;
        }
        Push(Known{Kind::kBool});
        out.push_back(u);
        return;
      }
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
    Kind result = Kind::kUnknown;
    switch (u.op) {
      case UopId::BINARY_OP_ADD_FLOAT:
      case UopId::BINARY_OP_SUB_FLOAT:
      case UopId::BINARY_OP_MUL_FLOAT:
      case UopId::BINARY_OP_TRUEDIV_FLOAT:
        result = Kind::kFloat;
        break;
      case UopId::COMPARE_FLOAT:
        result = Kind::kBool;
        break;
      case UopId::BINARY_OP_FLOORDIV_INT:
      case UopId::BINARY_OP_MOD_INT:
      case UopId::BINARY_OP_AND_INT:
      case UopId::BINARY_OP_OR_INT:
      case UopId::BINARY_OP_XOR_INT:
        result = Kind::kInt;
        break;
      case UopId::BUILD_LIST:
        result = Kind::kList;
        break;
      default:
        break;
    }
    for (int i = 0; i < pushes; ++i) Push(Known{i + 1 == pushes ? result : Kind::kUnknown});
    if (u.op == UopId::ITER_NEXT_RANGE) SetTrackedKind(1, Kind::kInt);
    out.push_back(u);
  }

  // Records that the value `depth` deep has `kind` (when it is tracked).
  void SetTrackedKind(int depth, Kind kind) {
    if (static_cast<int>(stack_.size()) < depth) return;
    Known& k = stack_[stack_.size() - depth];
    k.kind = kind;
    // A guard on a local's value tells the local's type too, until stored.
    if (k.local >= 0) locals_[k.local] = kind;
  }

  void Fold(std::vector<Uop>& out, const Uop& u, uint64_t tag, int64_t value) {
    out.pop_back();
    out.pop_back();
    Uop c;
    c.op = UopId::LOAD_CONST;
    c.oparg = static_cast<int32_t>(tag);
    c.operand = static_cast<uint64_t>(value);
    c.pc = u.pc;
    out.push_back(c);
    Push(Known{KindOfTag(tag), true, value});
    ++stats_->constants_folded;
  }

  const Trace& in_;
  OptimizerStats* stats_;
  std::vector<Known> stack_;  // the values this trace pushed, top last
  std::map<int, Kind> locals_;
};

}  // namespace

Trace OptimizeTrace(const Trace& trace, OptimizerStats* stats) {
  OptimizerStats ignored;
  return TraceOptimizer(trace, stats ? stats : &ignored).Run();
}

}  // namespace pyjit
