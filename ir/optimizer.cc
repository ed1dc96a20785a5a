#include "ir/optimizer.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "ir/loop_globals.h"
#include "ir/loop_peeling.h"
#include "ir/tag_facts.h"
#include "runtime/order_compares.h"
#include "runtime/value.h"

namespace pyjit {
namespace {

// Type propagation and constant folding, one forward pass. What is known
// of each value's tag, and of each local, is TagFacts (the rules every
// consumer shares); which stack values are int or bool constants is the
// optimizer's own, kept in step with it.
class TypePropagation {
 public:
  TypePropagation(const Trace& in, const OptimizerOptions& options, OptimizerStats* stats)
      : in_(in), options_(options), stats_(stats) {}

  Trace Run() {
    Trace out = in_;
    out.uops.clear();
    out.loop_start = 0;
    out_ = &out.uops;
    facts_ = TagFacts(LocalCount(in_), in_.entry_depth);
    consts_.assign(in_.entry_depth, std::nullopt);
    for (size_t i = 0; i < in_.uops.size(); ++i) {
      const Uop& u = in_.uops[i];
      if (in_.loop_start != 0 && i == static_cast<size_t>(in_.loop_start)) {
        // The body: entered from the first iteration and from its own back
        // edge, so only what holds at both is known.
        out.loop_start = static_cast<int32_t>(out.uops.size());
        body_start_ = out.uops.size();
        facts_ = LoopHeadFacts(in_);
        consts_.assign(in_.entry_depth, std::nullopt);
      }
      if (InfoOf(u.op).flags & PJ_F_GUARD) ++stats_->guards_before;
      if (u.op == UopId::LOAD_FAST) ++stats_->loads_before;
      Visit(u, out.uops);
    }
    return out;
  }

 private:
  void Visit(const Uop& u, std::vector<Uop>& out) {
    switch (u.op) {
      case UopId::LOAD_CONST: {
        const bool small = u.oparg == PJ_TAG_INT || u.oparg == PJ_TAG_BOOL;
        out.push_back(u);
        return Step(u, small ? std::optional<int64_t>(static_cast<int64_t>(u.operand))
                             : std::nullopt);
      }
      case UopId::LOAD_FAST:
        if (options_.types && facts_.bound(u.oparg)) {
          Uop bound = u;
          bound.op = UopId::LOAD_FAST_BOUND;
          bound.exit_pc = -1;
          out.push_back(bound);
          ++stats_->unbound_checks_removed;
          return Step(u);
        }
        break;
      case UopId::BINARY_OP_ADD_INT:
      case UopId::BINARY_OP_SUB_INT:
      case UopId::BINARY_OP_MUL_INT: {
        std::optional<int64_t> a = Constant(2), b = Constant(1);
        int64_t r;
        if (a && b && !Overflows(u.op, *a, *b, &r)) return Fold(u, r, out);
        break;
      }
      case UopId::COMPARE_INT: {
        std::optional<int64_t> a = Constant(2), b = Constant(1);
        if (a && b) return Fold(u, pj_order_compare_i64(*a, *b, u.oparg), out);
        break;
      }
      case UopId::GUARD_TRUE_POP:
      case UopId::GUARD_FALSE_POP: {
        std::optional<int64_t> c = Constant(1);
        if (c && (*c != 0) == (u.op == UopId::GUARD_TRUE_POP)) {
          out.pop_back();  // the constant was only for this guard
          ++stats_->guards_removed;
          return Step(u);
        }
        break;
      }
      default:
        break;
    }
    if (options_.types && facts_.Proves(u)) {
      ++stats_->guards_removed;
      return Step(u);
    }
    out.push_back(u);
    Step(u);
  }

  // The int or bool constant `n` from the top, when folding may remove
  // it: it is the last uops emitted (nothing else has used it) and in the
  // same part of the trace as what uses it.
  std::optional<int64_t> Constant(int n) const {
    if (!options_.fold || static_cast<int>(consts_.size()) < n) return std::nullopt;
    const std::vector<Uop>& out = *out_;
    if (out.size() < body_start_ + n) return std::nullopt;
    for (int k = 1; k <= n; ++k) {
      if (out[out.size() - k].op != UopId::LOAD_CONST || !consts_[consts_.size() - k]) {
        return std::nullopt;
      }
    }
    return consts_[consts_.size() - n];
  }

  static bool Overflows(UopId op, int64_t a, int64_t b, int64_t* r) {
    switch (op) {
      case UopId::BINARY_OP_ADD_INT: return __builtin_add_overflow(a, b, r);
      case UopId::BINARY_OP_SUB_INT: return __builtin_sub_overflow(a, b, r);
      default: return __builtin_mul_overflow(a, b, r);
    }
  }

  // `u`, whose two inputs are the constants just emitted, becomes one.
  void Fold(const Uop& u, int64_t value, std::vector<Uop>& out) {
    out.pop_back();
    out.pop_back();
    Uop c;
    c.op = UopId::LOAD_CONST;
    c.oparg = TypeFactsOf(u.op).result;
    c.operand = static_cast<uint64_t>(value);
    c.pc = u.pc;
    c.frame = u.frame;
    out.push_back(c);
    ++stats_->constants_folded;
    Step(u, value);
  }

  // The facts after `u`, and the constants kept in step with the stack.
  void Step(const Uop& u, std::optional<int64_t> result = std::nullopt) {
    const int pops = UopPops(u.op, u.oparg), pushes = UopPushes(u.op, u.oparg);
    if ((InfoOf(u.op).flags & PJ_F_GUARD) && pops == pushes) {
      // checked, not moved
    } else if (u.op == UopId::SWAP) {
      std::swap(consts_[consts_.size() - 1], consts_[consts_.size() - u.oparg]);
    } else {
      consts_.resize(consts_.size() - pops);
      consts_.resize(consts_.size() + pushes, std::nullopt);
      if (pushes > 0) consts_.back() = result;
    }
    facts_.Apply(u);
  }

  const Trace& in_;
  const OptimizerOptions& options_;
  OptimizerStats* stats_;
  const std::vector<Uop>* out_ = nullptr;
  size_t body_start_ = 0;  // in the output: constants before it are the first iteration's
  TagFacts facts_;
  std::vector<std::optional<int64_t>> consts_;  // by stack entry, bottom first
};

}  // namespace

OptimizerOptions OptimizerOptions::None() {
  OptimizerOptions o;
#define PJ_IR_PASS_OFF(name, what) o.name = false;
  PJ_IR_PASSES(PJ_IR_PASS_OFF)
#undef PJ_IR_PASS_OFF
  return o;
}

absl::StatusOr<OptimizerOptions> ParseIrPasses(absl::string_view list) {
  if (list == "all") return OptimizerOptions{};
  OptimizerOptions o = OptimizerOptions::None();
  if (list == "none") return o;
  for (absl::string_view name : absl::StrSplit(list, ',')) {
    bool known = false;
#define PJ_IR_PASS_PARSE(pass, what) \
  if (name == #pass) o.pass = known = true;
    PJ_IR_PASSES(PJ_IR_PASS_PARSE)
#undef PJ_IR_PASS_PARSE
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown IR pass '", name, "' (passes: ", IrPassList(OptimizerOptions{}),
          "; or all, none)"));
    }
  }
  return o;
}

std::string IrPassList(const OptimizerOptions& options) {
  std::vector<std::string> on;
#define PJ_IR_PASS_NAME(pass, what) \
  if (options.pass) on.push_back(#pass);
  PJ_IR_PASSES(PJ_IR_PASS_NAME)
#undef PJ_IR_PASS_NAME
  return on.empty() ? "none" : absl::StrJoin(on, ",");
}

Trace OptimizeTrace(const Trace& trace, const OptimizerOptions& options, OptimizerStats* stats) {
  OptimizerStats ignored;
  if (stats == nullptr) stats = &ignored;
  if (trace.Loops()) ++stats->loops;
  Trace t = trace;
  if (options.peel) {
    bool peeled = false;
    t = PeelLoop(trace, &peeled);
    if (peeled) ++stats->loops_peeled;
  }
  if (options.types || options.fold) {
    TypePropagation pass(t, options, stats);
    t = pass.Run();
  }
  if (options.globals) stats->global_rechecks_removed += DropRecheckedGlobals(t);
  return t;
}

}  // namespace pyjit
