#include "runtime/quickening.h"

#include <algorithm>

#include "runtime/builtins.h"
#include "runtime/function.h"
#include "runtime/objects.h"

namespace pyjit {
namespace {

// After a miss, a generic instruction waits 2^backoff executions, up to
// 2^kMaxBackoff, before it specializes again (CPython's adaptive backoff).
constexpr int kMaxBackoff = 12;

Specialization None(Op generic) { return {static_cast<Tier1Op>(generic), {}}; }
Specialization Form(Tier1Op form, const void* key = nullptr, const void* target = nullptr) {
  return {form, Tier1Cache{key, target}};
}

}  // namespace

Specialization SpecializeBinaryOp(int32_t arg, PjValue a, PjValue b) {
  const auto op = static_cast<BinaryOp>(arg & ~kInplaceFlag);  // += on numbers is +
  if (a.tag == PJ_TAG_INT && b.tag == PJ_TAG_INT) {
    switch (op) {
      case BinaryOp::kAdd: return Form(Tier1Op::BINARY_OP_ADD_INT);
      case BinaryOp::kSub: return Form(Tier1Op::BINARY_OP_SUB_INT);
      case BinaryOp::kMul: return Form(Tier1Op::BINARY_OP_MUL_INT);
      default: break;
    }
  }
  if (a.tag == PJ_TAG_FLOAT && b.tag == PJ_TAG_FLOAT) {
    switch (op) {
      case BinaryOp::kAdd: return Form(Tier1Op::BINARY_OP_ADD_FLOAT);
      case BinaryOp::kSub: return Form(Tier1Op::BINARY_OP_SUB_FLOAT);
      case BinaryOp::kMul: return Form(Tier1Op::BINARY_OP_MUL_FLOAT);
      case BinaryOp::kTrueDiv: return Form(Tier1Op::BINARY_OP_TRUEDIV_FLOAT);
      default: break;
    }
  }
  return None(Op::BINARY_OP);
}

Specialization SpecializeCompareOp(int32_t arg, PjValue a, PjValue b) {
  if (IsOrderCompare(static_cast<CompareOp>(arg))) {
    if (a.tag == PJ_TAG_INT && b.tag == PJ_TAG_INT) return Form(Tier1Op::COMPARE_OP_INT);
    if (a.tag == PJ_TAG_FLOAT && b.tag == PJ_TAG_FLOAT) return Form(Tier1Op::COMPARE_OP_FLOAT);
  }
  return None(Op::COMPARE_OP);
}

Specialization SpecializeSubscript(Op generic, PjValue container, PjValue index) {
  if (container.tag == PJ_TAG_LIST && index.tag == PJ_TAG_INT) {
    return Form(generic == Op::BINARY_SUBSCR ? Tier1Op::BINARY_SUBSCR_LIST_INT
                                             : Tier1Op::STORE_SUBSCR_LIST_INT);
  }
  if (container.tag == PJ_TAG_TUPLE && index.tag == PJ_TAG_INT && generic == Op::BINARY_SUBSCR) {
    return Form(Tier1Op::BINARY_SUBSCR_TUPLE_INT);
  }
  return None(generic);
}

Specialization SpecializeForIter(PjValue iterator) {
  if (iterator.tag == PJ_TAG_RANGE_ITER) return Form(Tier1Op::FOR_ITER_RANGE);
  if (iterator.tag == PJ_TAG_SEQ_ITER) {
    const PjObject* seq = reinterpret_cast<const PjSeqIter*>(iterator.as.obj)->seq;
    if (seq != nullptr && seq->kind == PJ_TAG_LIST) return Form(Tier1Op::FOR_ITER_LIST);
  }
  return None(Op::FOR_ITER);
}

Specialization SpecializeCall(PjValue callee, int32_t nargs) {
  if (callee.tag == PJ_TAG_FUNCTION) {
    const auto* fn = reinterpret_cast<const PjFunction*>(callee.as.obj);
    // Every function one `def` makes shares its code: the check is on that.
    if (fn->code->PlainArgCount() == nargs) return Form(Tier1Op::CALL_PY_EXACT_ARGS, fn->code);
  }
  if (callee.tag == PJ_TAG_BUILTIN) {  // builtins are permanent objects
    static const void* const len = LookupBuiltin("len").as.obj;
    if (callee.as.obj == len && nargs == 1) return Form(Tier1Op::CALL_LEN, len);
    return Form(Tier1Op::CALL_BUILTIN, callee.as.obj);
  }
  return None(Op::CALL);
}

Specialization SpecializeCallMethod(PjValue self, std::string_view name) {
  if (const MethodEntry* method = FindMethod(self, name)) {
    return Form(Tier1Op::CALL_METHOD_TYPE, reinterpret_cast<const void*>(self.tag),
                reinterpret_cast<const void*>(method->fn));
  }
  if (self.tag == PJ_TAG_MODULE) {  // modules and their attributes never change
    const PjValue* attr = FindModuleAttribute(self, name);
    if (attr != nullptr && attr->tag == PJ_TAG_BUILTIN) {
      return Form(Tier1Op::CALL_METHOD_MODULE, self.as.obj, attr->as.obj);
    }
  }
  return None(Op::CALL_METHOD);
}

Specialization SpecializeLoadAttr(PjValue obj, std::string_view name) {
  if (obj.tag == PJ_TAG_MODULE) {
    if (const PjValue* attr = FindModuleAttribute(obj, name)) {
      return Form(Tier1Op::LOAD_ATTR_MODULE, obj.as.obj, attr);
    }
  }
  return None(Op::LOAD_ATTR);
}

bool Quicken(Tier1Instr& in, Tier1Cache& cache, const Specialization& s) {
  if (s.form == in.op) {
    in.backoff = static_cast<uint8_t>(std::min(in.backoff + 1, kMaxBackoff));
    in.countdown = static_cast<uint16_t>(1u << in.backoff);
    return false;
  }
  in.op = s.form;
  cache = s.cache;
  return true;
}

void Despecialize(Tier1Instr& in) {
  in.op = static_cast<Tier1Op>(GenericOf(in.op));
  in.backoff = static_cast<uint8_t>(std::min(in.backoff + 1, kMaxBackoff));
  in.countdown = static_cast<uint16_t>(1u << in.backoff);
}

}  // namespace pyjit
