// Every uop on every compiling backend against the interp backend, which runs
// the uop's C body as written: one small trace per case, each running the
// uop once on edge inputs (INT64_MIN and INT64_MAX, -1, 0, 1, NaN, -0.0,
// infinities, out-of-range indexes, exhausted iterators, unbound slots, a big
// int where a small one is guarded), with its inputs arriving as constants,
// from locals, or computed into registers just before (the three ways asmjit's
// and mir's emitters take an operand). The frame (locals, stack, globals),
// the exit or error and the pending error must be what interp left.
//
// CasesFor has one case per uop of the table and no default: a uop added to
// the table without cases is a compiler warning here and a failed test. A uop
// a backend cannot compile fails by name.
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "backends/registry.h"
#include "ir/trace.h"
#include "runtime/builtins.h"
#include "runtime/code.h"
#include "runtime/errors.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/heap.h"
#include "runtime/interpreter.h"
#include "runtime/objects.h"
#include "runtime/ops.h"
#include "runtime/tier2.h"
#include "runtime/value.h"

namespace pyjit {
namespace {

constexpr int kLocals = 8;  // slots 0..5 for inputs, 6 and 7 left unbound
constexpr int kGlobals = 4;
constexpr int kMaxStack = 16;

// How an operand reaches the uop under test.
enum class Via { kConst, kLocal, kRegister };
constexpr Via kAllVias[] = {Via::kConst, Via::kLocal, Via::kRegister};

PjValue Int(int64_t i) { return pj_int(i); }
PjValue Float(double d) { return pj_float(d); }
PjValue Bool(bool b) { return pj_bool(b); }
PjValue List(std::vector<PjValue> items) {
  PjValue list = pj_build_list(items.data(), static_cast<int32_t>(items.size()));
  return list;
}
PjValue Str(const char* s) { return pj_object(PJ_TAG_STR, &TheHeap().NewStr(s)->head); }
PjValue Tuple(std::vector<PjValue> items) {
  return pj_build_tuple(items.data(), static_cast<int32_t>(items.size()));
}
// Functions of two different codes, for the callee guards.
const CodeObject* CalleeCode(int which) {
  static CodeObject codes[2];
  return &codes[which];
}
PjValue Function(int which) {
  auto* fn = reinterpret_cast<PjFunction*>(
      TheHeap().Allocate(PJ_TAG_FUNCTION, sizeof(PjFunction), Heap::Lifetime::kCollected));
  fn->code = CalleeCode(which);
  fn->defaults = nullptr;
  return pj_object(PJ_TAG_FUNCTION, &fn->head);
}

PjValue Cell(PjValue value) {
  auto* cell = reinterpret_cast<PjCell*>(
      TheHeap().Allocate(PJ_TAG_CELL, sizeof(PjCell), Heap::Lifetime::kCollected));
  cell->value = value;
  return pj_object(PJ_TAG_CELL, &cell->head);
}

PjValue BigInt() { return pj_binary_op(static_cast<int32_t>(BinaryOp::kPow), Int(2), Int(100)); }
PjValue RangeIter(int64_t start, int64_t stop) {
  PjRange* r = TheHeap().NewRange(start, stop, 1);
  return pj_object(PJ_TAG_RANGE_ITER, &TheHeap().NewRangeIter(r)->head);
}
PjValue ListIter(std::vector<PjValue> items) {
  return pj_get_iter(List(std::move(items)));
}
// {1: 1.5, 'k': [nan]} (a fresh one each time: uops change dicts).
PjValue Dict() {
  PjValue items[] = {Int(1), Float(1.5), Str("k"), List({Float(std::numeric_limits<double>::quiet_NaN())})};
  return pj_build_map(items, 2);
}
// zip([2**100], 'é'): an iterator that makes a tuple at each step.
PjValue ZipOfTwo() {
  PjValue args[] = {List({BigInt()}), Str("\xc3\xa9")};
  const auto* zip = reinterpret_cast<const PjBuiltin*>(LookupBuiltin("zip").as.obj);
  return zip->fn(CallArgs{args, 2, nullptr, nullptr});
}
// An iterator over Dict(); with `resized`, one whose dict has grown since
// it was made (its next step raises RuntimeError).
PjValue DictIter(bool resized) {
  PjValue d = Dict();
  PjValue it = pj_get_iter(d);
  if (resized) pj_map_add(d, Int(7), Int(8));
  return it;
}

const int64_t kMin = std::numeric_limits<int64_t>::min();
const int64_t kMax = std::numeric_limits<int64_t>::max();
const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
const std::vector<int64_t> kEdgeInts = {kMin, -3037000500, -7, -1, 0, 1, 3, 3037000500, kMax};
const std::vector<double> kEdgeFloats = {-0.0, 0.0, 1.5, -2.25, kInf, -kInf, kNan, 1e308};

// One run of one uop: the locals and stack to start from (made afresh for
// every run, since uops mutate lists and iterators), and the trace.
struct Case {
  std::string name;
  std::function<std::vector<PjValue>()> make_locals;  // slots 0..; the rest unbound
  std::function<std::vector<PjValue>()> make_stack;   // the entry stack, may be empty
  std::vector<Uop> uops;
  int32_t loop_start = 0;  // Trace::loop_start: where JUMP_TO_TOP goes
};

// Writes a case's trace: each uop gets its index as pc (and as exit pc when
// it can exit), so that where an executor left is visible in the frame.
class CaseBuilder {
 public:
  explicit CaseBuilder(std::string name) { c_.name = std::move(name); }

  // A local whose value is made per run.
  int Local(std::function<PjValue()> make) {
    makers_.push_back(std::move(make));
    return static_cast<int>(makers_.size()) - 1;
  }

  // Pushes a value. Unboxed values may come as constants; every value may
  // come from a local; ints and floats may be computed into a register
  // (x | 0, x * 1.0: the identity, NaN and -0.0 included).
  CaseBuilder& Push(std::function<PjValue()> make, Via via) {
    PjValue probe = make();
    const bool unboxed = probe.tag < PJ_TAG_FIRST_HEAP;
    if (via == Via::kConst && unboxed) return Emit(UopId::LOAD_CONST, probe.tag, probe.as.bits);
    Emit(UopId::LOAD_FAST, Local(std::move(make)));
    if (via == Via::kRegister && probe.tag == PJ_TAG_INT) {
      Emit(UopId::LOAD_CONST, PJ_TAG_INT, 0);
      Emit(UopId::BINARY_OP_OR_INT);
    } else if (via == Via::kRegister && probe.tag == PJ_TAG_FLOAT) {
      Emit(UopId::LOAD_CONST, PJ_TAG_FLOAT, pj_float(1.0).as.bits);
      Emit(UopId::BINARY_OP_MUL_FLOAT);
    }
    return *this;
  }
  CaseBuilder& Push(PjValue unboxed, Via via) {
    return Push([unboxed] { return unboxed; }, via);
  }

  CaseBuilder& Emit(UopId op, int32_t oparg = 0, uint64_t operand = 0) {
    const int pc = static_cast<int>(c_.uops.size()) + 1;
    c_.uops.push_back(Uop{op, oparg, operand, pc, (InfoOf(op).kinds & PJ_K_EXIT) ? pc : -1});
    return *this;
  }

  // JUMP_TO_TOP comes back to the next uop emitted: the uops before it are
  // a peeled first iteration (ir/loop_peeling.h).
  CaseBuilder& LoopStartsHere() {
    c_.loop_start = static_cast<int32_t>(c_.uops.size());
    return *this;
  }

  CaseBuilder& Stack(std::function<std::vector<PjValue>()> make) {
    c_.make_stack = std::move(make);
    return *this;
  }

  Case Done() {
    if (c_.uops.empty() || !(InfoOf(c_.uops.back().op).flags & PJ_F_TERMINAL)) {
      Emit(UopId::EXIT_TRACE);
    }
    auto makers = makers_;
    c_.make_locals = [makers] {
      std::vector<PjValue> locals;
      for (const auto& make : makers) locals.push_back(make());
      return locals;
    };
    if (!c_.make_stack) c_.make_stack = [] { return std::vector<PjValue>{}; };
    return c_;
  }

 private:
  Case c_;
  std::vector<std::function<PjValue()>> makers_;
};

std::string ViaName(Via via) {
  switch (via) {
    case Via::kConst: return "const";
    case Via::kLocal: return "local";
    case Via::kRegister: return "register";
  }
  return "?";
}

// op on each pair of values, the operands arriving every way.
template <typename T>
void BinaryCases(std::vector<Case>& out, UopId op, const std::vector<T>& values,
                 PjValue (*box)(T), int32_t oparg = 0) {
  for (T a : values) {
    for (T b : values) {
      for (Via via : kAllVias) {
        CaseBuilder c(absl::StrCat(Repr(box(a)), " ", Repr(box(b)), " via ", ViaName(via)));
        c.Push(box(a), via).Push(box(b), via).Emit(op, oparg);
        out.push_back(c.Done());
      }
    }
  }
}

PjValue BoxInt(int64_t i) { return pj_int(i); }
PjValue BoxFloat(double d) { return pj_float(d); }

// A comparison, alone and fused with the branch that usually follows it.
void CompareCases(std::vector<Case>& out, UopId op) {
  const bool is_float = op == UopId::COMPARE_FLOAT;
  std::vector<PjValue> values;
  if (is_float) {
    for (double d : {-0.0, 0.0, 1.5, kInf, kNan}) values.push_back(Float(d));
  } else {
    for (int64_t i : {kMin, int64_t{-1}, int64_t{0}, int64_t{1}, kMax}) values.push_back(Int(i));
  }
  for (int32_t cmp = 0; cmp < PJ_ORDER_COUNT; ++cmp) {
    for (PjValue a : values) {
      for (PjValue b : values) {
        for (Via via : kAllVias) {
          for (UopId branch : {UopId::NOP, UopId::GUARD_TRUE_POP, UopId::GUARD_FALSE_POP}) {
            CaseBuilder c(absl::StrCat(Repr(a), " cmp", cmp, " ", Repr(b), " via ", ViaName(via),
                                       " then ", InfoOf(branch).name));
            c.Push(a, via).Push(b, via).Emit(op, cmp);
            if (branch != UopId::NOP) c.Emit(branch);
            out.push_back(c.Done());
          }
        }
      }
    }
  }
}

// The guard on stacks of these tag combinations.
void GuardCases(std::vector<Case>& out, UopId op, int depth) {
  const std::vector<std::function<PjValue()>> kinds = {
      [] { return Int(5); },   [] { return Float(2.5); }, [] { return Bool(true); },
      [] { return BigInt(); }, [] { return List({Int(1)}); }, [] { return Str("s"); },
      Dict};
  for (size_t i = 0; i < kinds.size(); ++i) {
    for (size_t j = 0; j < (depth == 2 ? kinds.size() : 1); ++j) {
      for (Via via : {Via::kLocal, Via::kRegister}) {
        CaseBuilder c(absl::StrCat("kinds ", i, ",", j, " via ", ViaName(via)));
        c.Push(kinds[i], via);
        if (depth == 2) c.Push(kinds[j], via);
        c.Emit(op);
        out.push_back(c.Done());
      }
    }
  }
}

// A generic uop on these stacks: the runtime's slow paths, errors included.
void GenericCases(std::vector<Case>& out, UopId op, int32_t oparg,
                  const std::vector<std::vector<std::function<PjValue()>>>& stacks,
                  uint64_t operand = 0) {
  for (size_t s = 0; s < stacks.size(); ++s) {
    CaseBuilder c(absl::StrCat("oparg ", oparg, " stack ", s));
    for (const auto& make : stacks[s]) c.Push(make, Via::kLocal);
    c.Emit(op, oparg, operand);
    out.push_back(c.Done());
  }
}

using Maker = std::function<PjValue()>;
Maker Of(PjValue v) { return [v] { return v; }; }

std::vector<Case> CasesFor(UopId op) {
  std::vector<Case> out;
  const Maker list3 = [] { return List({Int(10), Int(20), Int(30)}); };
  switch (op) {
    case UopId::NOP:
      out.push_back(CaseBuilder("nop").Push(Int(1), Via::kLocal).Emit(op).Done());
      break;
    case UopId::LOAD_FAST: {
      CaseBuilder bound("bound");
      bound.Emit(op, bound.Local(Of(Int(kMin))));
      out.push_back(bound.Done());
      out.push_back(CaseBuilder("unbound").Emit(op, kLocals - 1).Done());
      break;
    }
    case UopId::LOAD_DEREF: {
      CaseBuilder bound("bound");
      bound.Emit(op, bound.Local([] { return Cell(Int(kMin)); }));
      out.push_back(bound.Done());
      CaseBuilder unbound("unbound");
      unbound.Emit(op, unbound.Local([] { return Cell(pj_unbound()); }));
      out.push_back(unbound.Done());
      break;
    }
    case UopId::STORE_DEREF:
      for (Via via : kAllVias) {
        for (PjValue v : {Int(kMax), Float(-0.0), pj_none()}) {
          CaseBuilder c(absl::StrCat(Repr(v), " via ", ViaName(via)));
          int cell = c.Local([] { return Cell(Int(1)); });
          out.push_back(c.Push(v, via).Emit(op, cell).Done());
        }
      }
      break;
    case UopId::LOAD_FAST_BOUND:
      for (PjValue v : {Int(kMin), Float(kNan), Bool(true), pj_none()}) {
        CaseBuilder c(Repr(v));
        c.Emit(op, c.Local(Of(v)));
        out.push_back(c.Done());
      }
      break;
    case UopId::STORE_FAST:
      for (Via via : kAllVias) {
        for (PjValue v : {Int(kMax), Float(-0.0), Bool(false), pj_none()}) {
          out.push_back(CaseBuilder(absl::StrCat(Repr(v), " via ", ViaName(via)))
                            .Push(v, via)
                            .Emit(op, kLocals - 1)
                            .Done());
        }
      }
      break;
    case UopId::LOAD_CONST:
      for (PjValue v : {Int(kMin), Float(kNan), Float(-0.0), Bool(true), pj_none()}) {
        out.push_back(CaseBuilder(Repr(v)).Emit(op, static_cast<int32_t>(v.tag), v.as.bits).Done());
      }
      break;
    case UopId::LOAD_GLOBAL:
      out.push_back(CaseBuilder("bound").Emit(op, 0).Done());
      out.push_back(CaseBuilder("unbound").Emit(op, kGlobals - 1).Done());
      break;
    case UopId::LOAD_GLOBAL_BUILTIN: {
      PjValue len = LookupBuiltin("len");
      out.push_back(CaseBuilder("shadowed").Emit(op, 0, len.as.bits).Done());
      out.push_back(CaseBuilder("builtin").Emit(op, kGlobals - 1, len.as.bits).Done());
      break;
    }
    case UopId::STORE_GLOBAL:
      for (Via via : kAllVias) {
        out.push_back(CaseBuilder(ViaName(via)).Push(Float(kInf), via).Emit(op, 2).Done());
      }
      break;
    case UopId::POP_TOP:
      for (Via via : kAllVias) {
        out.push_back(CaseBuilder(ViaName(via)).Push(Int(7), via).Push(Int(8), via).Emit(op).Done());
      }
      break;
    case UopId::COPY:
    case UopId::SWAP:
      for (int32_t n : {1, 2, 3}) {
        for (Via via : kAllVias) {
          if (op == UopId::SWAP && n == 1) continue;
          out.push_back(CaseBuilder(absl::StrCat(n, " via ", ViaName(via)))
                            .Push(Int(1), via)
                            .Push(Float(2.5), via)
                            .Push(Int(3), via)
                            .Emit(op, n)
                            .Done());
        }
      }
      break;
    case UopId::GUARD_BOTH_INT:
    case UopId::GUARD_BOTH_FLOAT:
    case UopId::GUARD_NOS_LIST:
    case UopId::GUARD_NOS_DICT:
    case UopId::GUARD_FLOAT_INT:
    case UopId::GUARD_INT_FLOAT:
      GuardCases(out, op, 2);
      break;
    case UopId::GUARD_TOS_INT:
    case UopId::GUARD_TOS_STR:
    case UopId::GUARD_TOS_FLOAT:
      GuardCases(out, op, 1);
      break;
    case UopId::BINARY_OP_ADD_INT:
    case UopId::BINARY_OP_SUB_INT:
    case UopId::BINARY_OP_MUL_INT:
    case UopId::BINARY_OP_FLOORDIV_INT:
    case UopId::BINARY_OP_MOD_INT:
    case UopId::BINARY_OP_AND_INT:
    case UopId::BINARY_OP_OR_INT:
    case UopId::BINARY_OP_XOR_INT:
      BinaryCases(out, op, kEdgeInts, BoxInt);
      break;
    case UopId::BINARY_OP_ADD_FLOAT:
    case UopId::BINARY_OP_SUB_FLOAT:
    case UopId::BINARY_OP_MUL_FLOAT:
    case UopId::BINARY_OP_TRUEDIV_FLOAT:
      BinaryCases(out, op, kEdgeFloats, BoxFloat);
      break;
    case UopId::BINARY_OP_ADD_FLOAT_INT:
    case UopId::BINARY_OP_SUB_FLOAT_INT:
    case UopId::BINARY_OP_MUL_FLOAT_INT:
    case UopId::BINARY_OP_TRUEDIV_FLOAT_INT:
    case UopId::BINARY_OP_ADD_INT_FLOAT:
    case UopId::BINARY_OP_SUB_INT_FLOAT:
    case UopId::BINARY_OP_MUL_INT_FLOAT:
    case UopId::BINARY_OP_TRUEDIV_INT_FLOAT: {
      // Ints a double cannot hold exactly (rounded as CPython rounds),
      // zero divisors of both kinds, NaN and the infinities.
      std::vector<PjValue> ints, floats;
      for (int64_t i : {kMin, int64_t{-1}, int64_t{0}, int64_t{3}, (int64_t{1} << 53) + 1, kMax}) {
        ints.push_back(Int(i));
      }
      for (double f : {-0.0, 1.5, kInf, kNan, 1e308}) floats.push_back(Float(f));
      const bool int_first = FloatOperandsOf(op).int_side == 2;
      for (PjValue a : int_first ? ints : floats) {
        for (PjValue b : int_first ? floats : ints) {
          for (Via via : kAllVias) {
            CaseBuilder c(absl::StrCat(Repr(a), " ", Repr(b), " via ", ViaName(via)));
            c.Push(a, via).Push(b, via).Emit(op);
            out.push_back(c.Done());
          }
        }
      }
      break;
    }
    case UopId::UNARY_NEGATIVE_INT:
    case UopId::UNARY_NEGATIVE_FLOAT:
      for (Via via : kAllVias) {
        if (op == UopId::UNARY_NEGATIVE_INT) {
          for (int64_t i : kEdgeInts) {
            out.push_back(CaseBuilder(absl::StrCat(i, " via ", ViaName(via))).Push(Int(i), via).Emit(op).Done());
          }
        } else {
          for (double f : kEdgeFloats) {
            out.push_back(CaseBuilder(absl::StrCat(Repr(Float(f)), " via ", ViaName(via)))
                              .Push(Float(f), via)
                              .Emit(op)
                              .Done());
          }
        }
      }
      break;
    case UopId::COMPARE_INT:
    case UopId::COMPARE_FLOAT:
      CompareCases(out, op);
      break;
    case UopId::BINARY_SUBSCR_LIST_INT:
    case UopId::STORE_SUBSCR_LIST_INT:
      for (int64_t index : {kMin, int64_t{-4}, int64_t{-3}, int64_t{-1}, int64_t{0}, int64_t{2},
                            int64_t{3}, kMax}) {
        for (Via via : kAllVias) {
          CaseBuilder c(absl::StrCat("index ", index, " via ", ViaName(via)));
          if (op == UopId::STORE_SUBSCR_LIST_INT) c.Push(Float(0.5), via);
          c.Push(list3, Via::kLocal).Push(Int(index), via).Emit(op);
          out.push_back(c.Done());
        }
      }
      break;
    case UopId::BINARY_OP:
      for (int32_t b = 0; b <= static_cast<int32_t>(BinaryOp::kXor); ++b) {
        GenericCases(out, op, b,
                     {{Of(Int(kMax)), Of(Int(2))},
                      {Of(Int(7)), Of(Float(-0.0))},
                      {[] { return BigInt(); }, Of(Int(-3))},
                      {[] { return Str("ab"); }, [] { return Str("c"); }},
                      {list3, Of(Int(2))},
                      {Of(Int(1)), Of(Int(0))}});
      }
      GenericCases(out, op, static_cast<int32_t>(BinaryOp::kAdd) | kInplaceFlag,
                   {{list3, list3}});
      break;
    case UopId::UNARY_OP:
      for (int32_t u = 0; u <= static_cast<int32_t>(UnaryOp::kInvert); ++u) {
        GenericCases(out, op, u,
                     {{Of(Int(kMin))}, {Of(Float(-0.0))}, {Of(Bool(true))}, {[] { return BigInt(); }},
                      {[] { return Str("s"); }}});
      }
      break;
    case UopId::COMPARE_OP:
      for (int32_t c = 0; c <= static_cast<int32_t>(CompareOp::kNotIn); ++c) {
        GenericCases(out, op, c,
                     {{Of(Int(1)), Of(Float(1.0))},
                      {Of(Float(kNan)), Of(Float(kNan))},
                      {[] { return Str("a"); }, [] { return Str("b"); }},
                      {Of(Int(20)), list3},
                      {Of(Int(1)), [] { return Str("x"); }},
                      {[] { return BigInt(); }, Of(Int(kMax))}});
      }
      break;
    case UopId::BINARY_SUBSCR:
      GenericCases(out, op, 0,
                   {{list3, Of(Int(-1))},
                    {list3, Of(Int(3))},
                    {[] { return Str("hé"); }, Of(Int(1))},
                    {[] { return Tuple({Int(1), Int(2)}); }, Of(Int(-3))},
                    {list3, Of(Float(1.0))}});
      break;
    case UopId::STORE_SUBSCR:
      GenericCases(out, op, 0,
                   {{Of(Int(9)), list3, Of(Int(-3))},
                    {Of(Int(9)), list3, Of(Int(5))},
                    {Of(Int(9)), [] { return Tuple({Int(1)}); }, Of(Int(0))}});
      break;
    case UopId::BINARY_SUBSCR_DICT:  // after its guards: a dict, a str or int key
      GenericCases(out, op, 0,
                   {{Dict, Of(Int(1))}, {Dict, Of(Str("k"))}, {Dict, Of(Str("missing"))},
                    {Dict, Of(Int(7))}, {Dict, Of(Bool(true))}});
      break;
    case UopId::STORE_SUBSCR_DICT:
      GenericCases(out, op, 0,
                   {{Of(Int(9)), Dict, Of(Str("k"))}, {Of(Int(9)), Dict, Of(Str("new"))},
                    {Of(Float(2.0)), Dict, Of(Int(1))}});
      break;
    case UopId::BINARY_SLICE:
      GenericCases(out, op, 0,
                   {{list3, Of(Int(1)), Of(pj_none()), Of(pj_none())},
                    {[] { return Str("abcdef"); }, Of(Int(-2)), Of(Int(0)), Of(Int(-1))},
                    {list3, Of(Int(0)), Of(Int(3)), Of(Int(0))}});
      break;
    case UopId::BUILD_LIST:
    case UopId::BUILD_TUPLE:
      for (int32_t n : {0, 1, 3}) {
        std::vector<Maker> items;
        for (int32_t k = 0; k < n; ++k) items.push_back(Of(Int(k)));
        GenericCases(out, op, n, {items});
      }
      break;
    case UopId::BUILD_STRING:
      for (int32_t n : {1, 2, 3}) {
        std::vector<Maker> items;
        for (int32_t k = 0; k < n; ++k) items.push_back([k] { return Str(k == 1 ? "\xc3\xa9" : "ab"); });
        GenericCases(out, op, n, {items});
      }
      break;
    case UopId::FORMAT_VALUE: {
      auto str = [](const char* s) { return Maker([s] { return Str(s); }); };
      // Each conversion, with and without a spec; a spec that raises.
      for (int32_t conversion : {PJ_FORMAT_NONE, PJ_FORMAT_STR, PJ_FORMAT_REPR, PJ_FORMAT_ASCII}) {
        GenericCases(out, op, conversion, {{str("\xc3\xa9")}, {Of(Int(-7))}, {Of(Float(2.5))}});
        GenericCases(out, op, conversion | PJ_FORMAT_HAS_SPEC,
                     {{Of(Int(255)), str("#06x")}, {Of(Float(-0.0)), str("z.2f")},
                      {str("ab"), str("^7")}, {Of(Int(1)), str(".2")}});
      }
      break;
    }
    case UopId::BUILD_MAP:
      GenericCases(out, op, 0, {{}});
      GenericCases(out, op, 1, {{Of(Str("k")), Of(Int(1))}, {list3, Of(Int(1))}});
      GenericCases(out, op, 2,
                   {{Of(Int(1)), Of(Str("a")), Of(Float(1.0)), Of(Str("b"))},  // 1 and 1.0: one key
                    {[] { return Tuple({Int(1), Str("x")}); }, Of(pj_none()), Of(Bool(true)), Of(Int(2))}});
      break;
    case UopId::BUILD_SET:
      GenericCases(out, op, 0, {{}});
      GenericCases(out, op, 3, {{Of(Int(9)), Of(Int(1)), Of(Int(9))},          // a repeat: two items
                                {Of(Int(1)), Of(Float(1.0)), Of(Bool(true))},  // all one item
                                {Of(Int(1)), list3, Of(Int(2))}});             // unhashable
      break;
    case UopId::SET_ADD:
      GenericCases(out, op, 1,
                   {{[] { return pj_build_set(nullptr, 0); }, Of(Int(8))},
                    {[] { return pj_build_set(nullptr, 0); }, list3}});
      break;
    case UopId::MAP_ADD:
      GenericCases(out, op, 1,
                   {{Dict, Of(Str("k")), Of(Int(5))},   // replaces, keeps its place
                    {Dict, Of(Int(-7)), Of(Str("v"))},
                    {Dict, list3, Of(Int(1))}});         // unhashable
      GenericCases(out, op, 2, {{Dict, Of(Int(0)), Of(Int(3)), Of(Float(2.5))}});
      break;
    case UopId::DELETE_SUBSCR:
      GenericCases(out, op, 0,
                   {{Dict, Of(Str("k"))},
                    {Dict, Of(Float(1.0))},
                    {Dict, Of(Str("missing"))},
                    {list3, Of(Int(-1))},
                    {list3, Of(Int(3))},
                    {[] { return Tuple({Int(1)}); }, Of(Int(0))}});
      break;
    case UopId::LIST_APPEND:
      GenericCases(out, op, 1, {{list3, Of(Float(kNan))}});
      GenericCases(out, op, 2, {{list3, Of(Int(0)), Of(Int(1))}});
      break;
    case UopId::UNPACK_SEQUENCE:
      GenericCases(out, op, 2,
                   {{[] { return Tuple({Int(1), Float(2.0)}); }},
                    {[] { return List({Int(1), Int(2)}); }},
                    {list3},
                    {Of(Int(5))}});
      break;
    case UopId::LOAD_ATTR:
      GenericCases(out, op, 0, {{[] { return ImportModule("math"); }}, {list3}});
      break;
    case UopId::GUARD_CALLEE_CODE:
    case UopId::GUARD_CALLEE_BUILTIN: {
      // The callee below one argument: the one the guard names, another
      // function, a builtin, something else.
      const uint64_t named =
          op == UopId::GUARD_CALLEE_CODE
              ? static_cast<uint64_t>(reinterpret_cast<uintptr_t>(CalleeCode(0)))
              : LookupBuiltin("len").as.bits;
      for (Maker callee : {Maker([] { return Function(0); }), Maker([] { return Function(1); }),
                           Maker([] { return LookupBuiltin("len"); }),
                           Maker([] { return LookupBuiltin("abs"); }), Of(Int(0))}) {
        for (Via via : kAllVias) {
          out.push_back(CaseBuilder(absl::StrCat(TypeName(callee()), " via ", ViaName(via)))
                            .Push(callee, via)
                            .Push(Of(Int(1)), via)
                            .Emit(op, 1, named)
                            .Done());
        }
      }
      break;
    }
    case UopId::CALL_RANGE_ITER: {
      // range's arguments: small ints (1 to 3, steps of 1, -1, 3, of
      // INT64_MIN, lengths 0 and huge), a zero step, a bool, a float, a
      // big int. An iterator shows only its type in the outcome, so each
      // case takes its first two items into locals (or exits exhausted).
      using Args = std::vector<Maker>;
      for (const Args& args :
           {Args{Of(Int(5))}, Args{Of(Int(-2))}, Args{Of(Int(2)), Of(Int(9))},
            Args{Of(Int(kMin)), Of(Int(kMax))}, Args{Of(Int(9)), Of(Int(2)), Of(Int(-3))},
            Args{Of(Int(0)), Of(Int(10)), Of(Int(3))}, Args{Of(Int(1)), Of(Int(5)), Of(Int(kMin))},
            Args{Of(Int(1)), Of(Int(5)), Of(Int(0))}, Args{Of(Bool(true))},
            Args{Of(Float(3.0))}, Args{[] { return BigInt(); }}}) {
        for (Via via : kAllVias) {
          CaseBuilder c(absl::StrCat(args.size(), " arguments via ", ViaName(via)));
          c.Push([] { return LookupBuiltin("range"); }, via);
          for (const Maker& a : args) c.Push(a, via);
          c.Emit(op, static_cast<int32_t>(args.size()));
          c.Emit(UopId::ITER_NEXT_RANGE).Emit(UopId::STORE_FAST, kLocals - 1);
          c.Emit(UopId::ITER_NEXT_RANGE).Emit(UopId::STORE_FAST, kLocals - 2);
          out.push_back(c.Done());
        }
      }
      break;
    }
    case UopId::GUARD_MODULE_IS: {
      // The receiver below one argument: the module the guard names,
      // another module, something else (an int whose payload is the
      // module's address, too).
      const uint64_t math = ImportModule("math").as.bits;
      for (Maker receiver : {Maker([] { return ImportModule("math"); }),
                             Maker([] { return ImportModule("time"); }), list3,
                             Of(Int(static_cast<int64_t>(math)))}) {
        for (Via via : kAllVias) {
          out.push_back(CaseBuilder(absl::StrCat(TypeName(receiver()), " via ", ViaName(via)))
                            .Push(receiver, via)
                            .Push(Of(Float(2.0)), via)
                            .Emit(op, 1, math)
                            .Done());
        }
      }
      break;
    }
    case UopId::CALL_MATH_FLOAT:
      for (int function : {PJ_MATH_SQRT, PJ_MATH_SIN, PJ_MATH_COS}) {
        for (Maker arg : {Of(Int(16)), Of(Int(-3)), Of(Int(kMin)), Of(Float(2.25)),
                          Of(Float(-1.0)), Of(Float(-0.0)), Of(Float(kInf)), Of(Float(kNan)),
                          Of(Bool(true)), Maker([] { return Str("1"); }),
                          Maker([] { return BigInt(); })}) {
          for (Via via : kAllVias) {
            out.push_back(CaseBuilder(absl::StrCat("math function ", function, " of ",
                                                   TypeName(arg()), " via ", ViaName(via)))
                              .Push([] { return ImportModule("math"); }, via)
                              .Push(arg, via)
                              .Emit(op, function)
                              .Done());
          }
        }
      }
      break;
    case UopId::CALL_LEN:
    case UopId::CALL_ABS: {
      const char* name = op == UopId::CALL_LEN ? "len" : "abs";
      for (Maker arg : {list3, Maker([] { return Str("h\xc3\xa9!"); }),
                        Maker([] { return Tuple({}); }), Of(Int(-7)), Of(Int(kMin)),
                        Of(Int(kMax)), Of(Float(-0.0)), Of(Float(-kInf)), Of(Bool(true)),
                        Maker([] { return BigInt(); })}) {
        for (Via via : kAllVias) {
          out.push_back(CaseBuilder(absl::StrCat(name, " ", TypeName(arg()), " via ", ViaName(via)))
                            .Push([name] { return LookupBuiltin(name); }, via)
                            .Push(arg, via)
                            .Emit(op)
                            .Done());
        }
      }
      break;
    }
    case UopId::CALL:
      GenericCases(out, op, 1,
                   {{[] { return LookupBuiltin("len"); }, list3},
                    {[] { return LookupBuiltin("abs"); }, Of(Int(kMin))},
                    {[] { return LookupBuiltin("int"); }, [] { return Str("12"); }},
                    {[] { return LookupBuiltin("len"); }, Of(Int(1))}});
      break;
    case UopId::CALL_METHOD:
      GenericCases(out, op, 1, {{list3, Of(Int(4))}, {Of(Int(1)), Of(Int(4))}}, /*operand=*/1);
      break;
    case UopId::GUARD_TRUE_POP:
    case UopId::GUARD_FALSE_POP:
      for (Maker v : {Of(Bool(true)), Of(Bool(false)), Of(Int(0)), Of(Int(kMin)), Of(Float(-0.0)),
                      Of(Float(kNan)), Of(pj_none()), Maker([] { return List({}); }), list3}) {
        for (Via via : kAllVias) {
          out.push_back(CaseBuilder(absl::StrCat(Repr(v()), " via ", ViaName(via)))
                            .Push(v, via)
                            .Emit(op)
                            .Done());
        }
      }
      break;
    case UopId::GET_ITER:
      GenericCases(out, op, 0,
                   {{list3}, {[] { return Tuple({}); }}, {Of(Int(3))}, {[] { return Str("ab"); }}});
      break;
    case UopId::GUARD_ITER_RANGE:
    case UopId::GUARD_ITER_LIST:
    case UopId::FOR_ITER:
    case UopId::ITER_NEXT_RANGE:
    case UopId::ITER_NEXT_LIST: {
      // ITER_NEXT_* are traced only behind their own guard: each gets its
      // kind of iterator, fresh and exhausted.
      std::vector<std::vector<Maker>> ranges = {{[] { return RangeIter(kMax - 1, kMax); }},
                                                {[] { return RangeIter(5, 5); }}};
      std::vector<std::vector<Maker>> lists = {{[] { return ListIter({Float(kNan)}); }},
                                               {[] { return ListIter({}); }}};
      std::vector<std::vector<Maker>> stacks;
      if (op != UopId::ITER_NEXT_LIST) stacks.insert(stacks.end(), ranges.begin(), ranges.end());
      if (op != UopId::ITER_NEXT_RANGE) stacks.insert(stacks.end(), lists.begin(), lists.end());
      if (op == UopId::FOR_ITER) {  // any other iterator, raising included
        stacks.push_back({[] { return DictIter(false); }});
        stacks.push_back({[] { return DictIter(true); }});
        stacks.push_back({[] { return ZipOfTwo(); }});
      }
      GenericCases(out, op, 0, stacks);
      break;
    }
    case UopId::JUMP_TO_TOP: {
      // A whole loop: the iterator below the item, three times round, then
      // the exhausted iterator exits.
      CaseBuilder c("range loop");
      int sum = c.Local(Of(Int(0)));
      c.Stack([] { return std::vector<PjValue>{RangeIter(kMax - 3, kMax)}; });
      c.Emit(UopId::ITER_NEXT_RANGE).Emit(UopId::LOAD_FAST, sum).Emit(UopId::SWAP, 2);
      c.Emit(UopId::BINARY_OP_XOR_INT).Emit(UopId::STORE_FAST, sum).Emit(UopId::JUMP_TO_TOP);
      out.push_back(c.Done());
      // The same loop peeled, as the optimizer makes it: the first
      // iteration, then the body that JUMP_TO_TOP returns to, with the
      // sum's unbound check gone (a register local for asmjit). Run three
      // times round, and with the iterator exhausted in the first iteration.
      for (int64_t start : {kMax - 3, kMax}) {
        CaseBuilder p(absl::StrCat("peeled range loop of ", kMax - start));
        int total = p.Local(Of(Int(7)));
        p.Stack([start] { return std::vector<PjValue>{RangeIter(start, kMax)}; });
        p.Emit(UopId::ITER_NEXT_RANGE).Emit(UopId::LOAD_FAST, total).Emit(UopId::SWAP, 2);
        p.Emit(UopId::BINARY_OP_XOR_INT).Emit(UopId::STORE_FAST, total);
        p.LoopStartsHere();
        p.Emit(UopId::ITER_NEXT_RANGE).Emit(UopId::LOAD_FAST_BOUND, total).Emit(UopId::SWAP, 2);
        p.Emit(UopId::BINARY_OP_XOR_INT).Emit(UopId::STORE_FAST, total).Emit(UopId::JUMP_TO_TOP);
        out.push_back(p.Done());
      }
      break;
    }
    case UopId::EXIT_TRACE:
      out.push_back(CaseBuilder("alone").Done());
      break;
  }
  return out;
}

// What a run left: the executor's answer, the frame, the globals, the error.
std::string Outcome(bool ok, const PjFrame* frame, const PjValue* globals) {
  std::string out = absl::StrCat(ok ? "exit" : "error", " at pc ", frame->pc, ", depth ",
                                 frame->stack_depth, "\n");
  std::function<std::string(PjValue)> slot = [&](PjValue v) {
    if (v.tag == PJ_TAG_UNBOUND) return std::string("<unbound>");
    if (v.tag == PJ_TAG_CELL) {
      return absl::StrCat("cell of ", slot(reinterpret_cast<const PjCell*>(v.as.obj)->value));
    }
    return absl::StrCat(TypeName(v), " ", Repr(v));
  };
  for (int i = 0; i < kLocals + frame->stack_depth; ++i) {
    absl::StrAppend(&out, i < kLocals ? "  local " : "  stack ", i, ": ",
                    slot(frame->slots[i]), "\n");
  }
  for (int g = 0; g < kGlobals; ++g) absl::StrAppend(&out, "  global ", g, ": ", slot(globals[g]), "\n");
  PendingError& error = CurrentError();
  if (error.set) absl::StrAppend(&out, "  raised ", ExcKindName(error.kind), ": ", error.message, "\n");
  error = PendingError{};
  return out;
}

class Harness {
 public:
  Harness() {
    code_.name = "conformance";
    code_.filename = "uop_conformance_test";
    for (int i = 0; i < kLocals; ++i) code_.local_names.push_back(absl::StrCat("x", i));
    code_.names = {"pi", "append"};
    code_.max_stack = kMaxStack;
  }

  // The outcome of `c` on `backend`, or the compile error.
  std::string Run(Backend* backend, const Case& c, int entry_depth) {
    Trace trace;
    trace.function = "conformance";
    trace.code = &code_;
    trace.entry_depth = entry_depth;
    trace.uops = c.uops;
    trace.loop_start = c.loop_start;
    absl::StatusOr<std::unique_ptr<Executor>> executor = backend->Compile(trace);
    if (!executor.ok()) return absl::StrCat("cannot compile: ", executor.status().message());
    PjFrame* frame = FreshFrame(c.make_locals(), c.make_stack());
    bool ok = false;
    interpreter_.RunAsCurrent([&] { ok = (*executor)->Run(frame); });
    return Outcome(ok, frame, globals_);
  }

  // Two traces on `backend`, the first's exit linked to the second (as
  // tier 2 links a side trace), run as compiled calls run them
  // (RunLinked): what they left, and whether the second ran, in machine
  // code or through RunLinked. `due`: the collector is due and the exit is
  // at a back edge, where the link must not be followed. `unlinked`: run
  // the first through Executor::Run instead, which follows no link.
  std::string RunLinkedPair(Backend* backend, bool due, bool unlinked) {
    auto make = [&](int local, int64_t value) {
      Trace trace;
      trace.function = "conformance";
      trace.code = &code_;
      trace.uops = CaseBuilder("store")
                       .Push(pj_int(value), Via::kConst)
                       .Emit(UopId::STORE_FAST, local)
                       .Done()
                       .uops;
      return backend->Compile(trace);
    };
    absl::StatusOr<std::unique_ptr<Executor>> first = make(1, 10), second = make(2, 20);
    if (!first.ok()) return std::string(first.status().message());
    if (!second.ok()) return std::string(second.status().message());
    DirectTrace a, b;
    for (auto [d, e] : {std::pair{&a, first->get()}, std::pair{&b, second->get()}}) {
      d->code = e->native_entry();
      d->exits = e->exit_links();
      d->code_follows_links = e->follows_links();
    }
    if (a.code == nullptr || b.code == nullptr) return "no machine code";
    const DirectTrace* published = &b;
    const size_t exit = (*first)->trace().uops.size() - 1;
    a.exits[exit].linked = reinterpret_cast<const void* const*>(&published);
    a.exits[exit].at_back_edge = due;
    const size_t allocated = 1, threshold = due ? 1 : 2;
    const PjLinkState saved = pj_link_state;
    pj_link_state.gc_allocated = &allocated;
    pj_link_state.gc_threshold = &threshold;
    const LinksFollowed before = CountLinksFollowed();
    PjFrame* frame = FreshFrame({}, {});
    const DirectTrace* left = &a;
    int64_t r = 0;
    interpreter_.RunAsCurrent([&] {
      if (unlinked) {
        r = (*first)->Run(frame) ? static_cast<int64_t>(exit) : -1;
      } else {
        r = RunLinked(&left, frame);
      }
    });
    const LinksFollowed after = CountLinksFollowed();
    pj_link_state.gc_allocated = saved.gc_allocated;
    pj_link_state.gc_threshold = saved.gc_threshold;
    return absl::StrCat("left ", left == &a ? "the first" : "the second", " at uop ", r,
                        ", local 1: ", Repr(frame->slots[1]), ", local 2: ",
                        frame->slots[2].tag == PJ_TAG_UNBOUND ? "<unbound>" : Repr(frame->slots[2]),
                        ", links in code: ", (after.all - after.by_dispatcher) -
                                                 (before.all - before.by_dispatcher),
                        ", by RunLinked: ", after.by_dispatcher - before.by_dispatcher);
  }

 private:
  PjFrame* FreshFrame(const std::vector<PjValue>& locals, const std::vector<PjValue>& stack) {
    auto* frame = reinterpret_cast<PjFrame*>(frame_bytes_.data());
    frame->back = nullptr;
    frame->code = &code_;
    frame->globals = globals_;
    frame->pc = 0;
    frame->nslots = kLocals + kMaxStack;
    for (int i = 0; i < kLocals + kMaxStack; ++i) frame->slots[i] = pj_unbound();
    for (size_t i = 0; i < locals.size(); ++i) frame->slots[i] = locals[i];
    for (size_t i = 0; i < stack.size(); ++i) frame->slots[kLocals + i] = stack[i];
    frame->stack_depth = static_cast<int32_t>(stack.size());
    globals_[0] = pj_int(42);
    for (int g = 1; g < kGlobals; ++g) globals_[g] = pj_unbound();
    return frame;
  }

  CodeObject code_;
  PjValue globals_[kGlobals];
  std::vector<uint8_t> frame_bytes_ =
      std::vector<uint8_t>(sizeof(PjFrame) + sizeof(PjValue) * (kLocals + kMaxStack));
  Program program_;
  Interpreter interpreter_{program_};
};

TEST(UopConformanceTest, EveryUopHasCases) {
  for (int i = 0; i < kNumUops; ++i) {
    EXPECT_FALSE(CasesFor(static_cast<UopId>(i)).empty())
        << InfoOf(static_cast<UopId>(i)).name << " has no conformance cases";
  }
}

// A parameter is a backend's name, or NAME_O<level> for a generator level
// whose code differs from the default's where the conformance cases can see
// it (mir below 2 checks overflow with MIR's flag insns).
class PerBackend : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = GetParam();
    const size_t at = name.find("_O");
    if (at != std::string::npos) {
      level_ = name.substr(at + 2);
      name.resize(at);
    }
    backend_ = FindBackend(name);
    ASSERT_NE(backend_, nullptr) << name;
    if (!level_.empty()) ASSERT_TRUE(backend_->Configure("opt", level_).ok());
  }
  void TearDown() override {
    if (backend_ != nullptr && !level_.empty()) (void)backend_->Configure("opt", "2");
  }
  Backend* backend_ = nullptr;
  std::string level_;
};

TEST_P(PerBackend, EveryUopMatchesInterp) {
  Backend* backend = backend_;
  if (absl::Status s = backend->Availability(); !s.ok()) {
    GTEST_SKIP() << GetParam() << " is unavailable: " << s.message();
  }
  Backend* interp = FindBackend("interp");
  Harness harness;
  int cases = 0;
  for (int i = 0; i < kNumUops; ++i) {
    const UopId op = static_cast<UopId>(i);
    for (const Case& c : CasesFor(op)) {
      const int entry_depth = static_cast<int>(c.make_stack().size());
      std::string want = harness.Run(interp, c, entry_depth);
      std::string got = harness.Run(backend, c, entry_depth);
      EXPECT_EQ(got, want) << InfoOf(op).name << " (" << c.name << ") on " << GetParam()
                           << " differs from interp";
      ++cases;
    }
  }
  std::printf("%s: %d cases\n", GetParam().c_str(), cases);
}

// Exits linked in machine code (runtime/exit_links.h's rule): each
// compiling backend's code goes on into the linked trace itself, except
// mir's, which returns and RunLinked calls the next; neither where the
// collector is due at a back edge, nor under Executor::Run.
TEST_P(PerBackend, ExitsFollowLinks) {
  Backend* backend = backend_;
  if (absl::Status s = backend->Availability(); !s.ok()) {
    GTEST_SKIP() << GetParam() << " is unavailable: " << s.message();
  }
  Harness harness;
  const bool in_code = backend->name() != "mir";
  EXPECT_EQ(harness.RunLinkedPair(backend, /*due=*/false, /*unlinked=*/false),
            absl::StrCat("left the second at uop 2, local 1: 10, local 2: 20, links in code: ",
                         in_code ? 1 : 0, ", by RunLinked: ", in_code ? 0 : 1));
  EXPECT_EQ(harness.RunLinkedPair(backend, /*due=*/true, /*unlinked=*/false),
            "left the first at uop 2, local 1: 10, local 2: <unbound>, links in code: 0, by "
            "RunLinked: 0");
  EXPECT_EQ(harness.RunLinkedPair(backend, /*due=*/false, /*unlinked=*/true),
            "left the first at uop 2, local 1: 10, local 2: <unbound>, links in code: 0, by "
            "RunLinked: 0");
}

INSTANTIATE_TEST_SUITE_P(Backends, PerBackend,
                         testing::Values("copy_and_patch", "asmjit", "mir", "mir_O0", "mir_O1",
                                         "llvm"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace pyjit
