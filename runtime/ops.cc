#include "runtime/ops.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/bigint.h"
#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/fast_paths.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/heap.h"
#include "runtime/iterators.h"
#include "runtime/objects.h"
#include "runtime/set.h"
#include "runtime/numbers.h"
#include "runtime/text_format.h"

namespace pyjit {
namespace {

// A small int or a bool: the operand of every fast path.
bool IsIntLike(PjValue v) { return v.tag == PJ_TAG_INT || v.tag == PJ_TAG_BOOL; }
bool IsNumber(PjValue v) { return IsAnyInt(v) || v.tag == PJ_TAG_FLOAT; }
// float(v) for a number; false with OverflowError for a huge int.
bool ToDouble(PjValue v, double* out) {
  if (v.tag == PJ_TAG_FLOAT) {
    *out = v.as.f;
    return true;
  }
  return IntToDouble(v, out);
}

PjValue UnsupportedOperands(const char* symbol, PjValue a, PjValue b) {
  return RaiseF(ExcKind::kTypeError,
                "unsupported operand type(s) for %s: '%s' and '%s'", symbol,
                TypeName(a), TypeName(b));
}

// Small ints, with big ints only when the result does not fit.
PjValue IntBinary(BinaryOp op, int64_t a, int64_t b) {
  auto wide = [&] { return IntBinaryWide(op, pj_int(a), pj_int(b)); };
  int64_t r;
  switch (op) {
    case BinaryOp::kAdd:
      if (__builtin_add_overflow(a, b, &r)) return wide();
      return pj_int(r);
    case BinaryOp::kSub:
      if (__builtin_sub_overflow(a, b, &r)) return wide();
      return pj_int(r);
    case BinaryOp::kMul:
      if (__builtin_mul_overflow(a, b, &r)) return wide();
      return pj_int(r);
    case BinaryOp::kTrueDiv:
      if (b == 0) return Raise(ExcKind::kZeroDivisionError, "division by zero");
      return IntTrueDivide(pj_int(a), pj_int(b));
    case BinaryOp::kFloorDiv:
      if (b == 0) {
        return Raise(ExcKind::kZeroDivisionError,
                     "integer division or modulo by zero");
      }
      if (a == INT64_MIN && b == -1) return wide();
      return pj_int(FloorDivide(a, b));
    case BinaryOp::kMod:
      if (b == 0) return Raise(ExcKind::kZeroDivisionError, "integer modulo by zero");
      if (b == -1) return pj_int(0);
      return pj_int(FloorModulo(a, b));
    case BinaryOp::kPow: {
      if (b < 0) {
        if (a == 0) {
          return Raise(ExcKind::kZeroDivisionError,
                       "0.0 cannot be raised to a negative power");
        }
        return pj_float(std::pow(static_cast<double>(a), static_cast<double>(b)));
      }
      int64_t result = 1, base = a, e = b;
      while (e > 0) {
        if (e & 1) {
          if (__builtin_mul_overflow(result, base, &result)) return wide();
        }
        e >>= 1;
        if (e > 0 && __builtin_mul_overflow(base, base, &base)) return wide();
      }
      return pj_int(result);
    }
    case BinaryOp::kLShift:
      if (b < 0) return Raise(ExcKind::kValueError, "negative shift count");
      if (a == 0) return pj_int(0);
      if (b >= 63) return wide();
      r = static_cast<int64_t>(static_cast<uint64_t>(a) << b);
      if ((r >> b) != a) return wide();
      return pj_int(r);
    case BinaryOp::kRShift:
      if (b < 0) return Raise(ExcKind::kValueError, "negative shift count");
      return pj_int(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOp::kAnd:
      return pj_int(a & b);
    case BinaryOp::kOr:
      return pj_int(a | b);
    case BinaryOp::kXor:
      return pj_int(a ^ b);
  }
  return Raise(ExcKind::kTypeError, "bad binary operator");
}

PjValue FloatBinary(BinaryOp op, double a, double b, PjValue va, PjValue vb) {
  switch (op) {
    case BinaryOp::kAdd: return pj_float(a + b);
    case BinaryOp::kSub: return pj_float(a - b);
    case BinaryOp::kMul: return pj_float(a * b);
    case BinaryOp::kTrueDiv:
      if (b == 0.0) return Raise(ExcKind::kZeroDivisionError, "float division by zero");
      return pj_float(a / b);
    case BinaryOp::kFloorDiv:
      if (b == 0.0) {
        return Raise(ExcKind::kZeroDivisionError, "float floor division by zero");
      }
      return pj_float(FloatFloorDivide(a, b));
    case BinaryOp::kMod:
      if (b == 0.0) return Raise(ExcKind::kZeroDivisionError, "float modulo");
      return pj_float(FloatModulo(a, b));
    case BinaryOp::kPow: {
      if (a == 0.0 && b < 0.0) {
        return Raise(ExcKind::kZeroDivisionError,
                     "0.0 cannot be raised to a negative power");
      }
      if (a < 0.0 && b != std::floor(b) && std::isfinite(b)) {
        return Raise(ExcKind::kValueError,
                     "a negative number raised to a fractional power is "
                     "complex, which pyjit does not support");
      }
      double r = std::pow(a, b);
      if (std::isinf(r) && std::isfinite(a) && std::isfinite(b)) {
        return Raise(ExcKind::kOverflowError, "(34, 'Numerical result out of range')");
      }
      return pj_float(r);
    }
    default:
      return UnsupportedOperands(BinaryOpSymbol(op), va, vb);
  }
}

PjValue Concat(PjValue a, PjValue b) {
  Heap& heap = TheHeap();
  if (a.tag == PJ_TAG_STR) {
    return pj_object(PJ_TAG_STR, &heap.ConcatStr(pj_as_str(a), pj_as_str(b))->head);
  }
  if (a.tag == PJ_TAG_LIST) {
    const PjList* x = pj_as_list(a);
    const PjList* y = pj_as_list(b);
    PjList* out = heap.NewList(x->size + y->size);
    pj_copy_values(out->items, x->items, x->size);
    pj_copy_values(out->items + x->size, y->items, y->size);
    return pj_object(PJ_TAG_LIST, &out->head);
  }
  const PjTuple* x = pj_as_tuple(a);
  const PjTuple* y = pj_as_tuple(b);
  PjTuple* out = heap.NewTuple(x->size + y->size);
  pj_copy_values(out->items, x->items, x->size);
  pj_copy_values(out->items + x->size, y->items, y->size);
  return pj_object(PJ_TAG_TUPLE, &out->head);
}

// The count of `seq * count`: a negative one is 0; false with OverflowError
// when it does not fit in 64 bits.
bool RepeatCount(PjValue count, int64_t* n) {
  if (!IntToInt64(count, n)) {
    if (IntSign(count) > 0) {
      Raise(ExcKind::kOverflowError, "cannot fit 'int' into an index-sized integer");
      return false;
    }
    *n = 0;
  }
  if (*n < 0) *n = 0;
  return true;
}

PjValue Repeat(PjValue seq, PjValue count) {
  Heap& heap = TheHeap();
  int64_t n;
  if (!RepeatCount(count, &n)) return pj_error();
  // Nothing to repeat: no loop over a count that may be 10**18.
  const int64_t length = seq.tag == PJ_TAG_STR    ? pj_as_str(seq)->nchars
                         : seq.tag == PJ_TAG_LIST ? pj_as_list(seq)->size
                                                  : pj_as_tuple(seq)->size;
  if (n == 0 || length == 0) {
    if (seq.tag == PJ_TAG_STR) return pj_object(PJ_TAG_STR, &heap.NewStr("")->head);
    if (seq.tag == PJ_TAG_LIST) return pj_object(PJ_TAG_LIST, &heap.NewList(0)->head);
    return pj_object(PJ_TAG_TUPLE, &heap.NewTuple(0)->head);
  }
  if (seq.tag == PJ_TAG_STR) {
    const PjStr* s = pj_as_str(seq);
    // CPython: a length past PY_SSIZE_T_MAX is an OverflowError; a smaller
    // one it cannot allocate is a MemoryError.
    if (s->nchars > INT64_MAX / n) {
      return Raise(ExcKind::kOverflowError, "repeated string is too long");
    }
    if (n > (int64_t{1} << 40) / s->nbytes) return Raise(ExcKind::kMemoryError, "");
    std::string out;
    out.reserve(s->nbytes * n);
    for (int64_t i = 0; i < n; ++i) out.append(s->data, s->nbytes);
    return pj_object(PJ_TAG_STR, &heap.NewStr(out)->head);
  }
  const PjValue* items;
  int64_t size;
  if (seq.tag == PJ_TAG_LIST) {
    items = pj_as_list(seq)->items;
    size = pj_as_list(seq)->size;
  } else {
    items = pj_as_tuple(seq)->items;
    size = pj_as_tuple(seq)->size;
  }
  if (size > 0 && n > (int64_t{1} << 32) / size) return Raise(ExcKind::kMemoryError, "");
  PjValue* out;
  PjValue result;
  if (seq.tag == PJ_TAG_LIST) {
    PjList* list = heap.NewList(size * n);
    out = list->items;
    result = pj_object(PJ_TAG_LIST, &list->head);
  } else {
    PjTuple* t = heap.NewTuple(size * n);
    out = t->items;
    result = pj_object(PJ_TAG_TUPLE, &t->head);
  }
  for (int64_t i = 0; i < n; ++i) pj_copy_values(out + i * size, items, size);
  return result;
}

// list += iterable
PjValue ListExtendInPlace(PjValue list_value, PjValue iterable) {
  PjValue it = pj_get_iter(iterable);
  if (IsError(it)) return it;
  PjList* list = pj_as_list(list_value);
  PjValue item;
  int more;
  while ((more = pj_iter_next(it, &item)) > 0) TheHeap().Append(list, item);
  return more < 0 ? pj_error() : list_value;
}

// list *= n
PjValue ListRepeatInPlace(PjValue list_value, int64_t n) {
  PjList* list = pj_as_list(list_value);
  int64_t size = list->size;
  if (n <= 0 || size == 0) {
    list->size = 0;
    return list_value;
  }
  if (n > (int64_t{1} << 32) / size) return Raise(ExcKind::kMemoryError, "");
  TheHeap().ReserveList(list, size * n);
  for (int64_t i = 1; i < n; ++i) {
    std::memcpy(list->items + i * size, list->items, sizeof(PjValue) * size);
  }
  list->size = size * n;
  return list_value;
}

bool IsSequence(PjValue v) {
  return v.tag == PJ_TAG_STR || v.tag == PJ_TAG_LIST || v.tag == PJ_TAG_TUPLE;
}

// 1, 0, or -1 when the two cannot be compared by `op` (error raised).
int RichCompare(CompareOp op, PjValue a, PjValue b);

// Python's == for any two values; never fails for Level-1 values.
bool ValuesEqual(PjValue a, PjValue b) { return pj_items_equal(a, b) == 1; }

int CompareResult(CompareOp op, int cmp) {  // cmp: <0, 0, >0
  return pj_order_compare_i64(cmp, 0, static_cast<int32_t>(op));
}

int CompareSequences(CompareOp op, const PjValue* x, int64_t nx, const PjValue* y,
                     int64_t ny) {
  int64_t i = 0;
  while (i < nx && i < ny && ValuesEqual(x[i], y[i])) ++i;
  if (i >= nx || i >= ny) {
    return CompareResult(op, nx < ny ? -1 : (nx > ny ? 1 : 0));
  }
  if (op == CompareOp::kEq) return 0;
  if (op == CompareOp::kNe) return 1;
  return RichCompare(op, x[i], y[i]);
}

int RichCompare(CompareOp op, PjValue a, PjValue b) {
  if (IsAnyInt(a) && IsAnyInt(b)) return CompareResult(op, CompareInts(a, b));
  if (IsNumber(a) && IsNumber(b)) {
    if (a.tag == PJ_TAG_FLOAT && b.tag == PJ_TAG_FLOAT) {
      double x = a.as.f, y = b.as.f;
      return pj_order_compare_f64(x, y, static_cast<int32_t>(op));
    }
    // An int against a float, compared exactly (not by rounding the int).
    double f = a.tag == PJ_TAG_FLOAT ? a.as.f : b.as.f;
    PjValue i = a.tag == PJ_TAG_FLOAT ? b : a;
    if (std::isnan(f)) return op == CompareOp::kNe;
    int cmp = CompareIntWithFloat(i, f);  // sign of i - f
    if (a.tag == PJ_TAG_FLOAT) cmp = -cmp;
    return CompareResult(op, cmp);
  }
  if (a.tag == PJ_TAG_STR && b.tag == PJ_TAG_STR) {
    const PjStr* x = pj_as_str(a);
    const PjStr* y = pj_as_str(b);
    int64_t n = x->nbytes < y->nbytes ? x->nbytes : y->nbytes;
    int cmp = std::memcmp(x->data, y->data, n);
    if (cmp == 0) cmp = x->nbytes < y->nbytes ? -1 : (x->nbytes > y->nbytes ? 1 : 0);
    return CompareResult(op, cmp);
  }
  if (a.tag == PJ_TAG_LIST && b.tag == PJ_TAG_LIST) {
    const PjList* x = pj_as_list(a);
    const PjList* y = pj_as_list(b);
    return CompareSequences(op, x->items, x->size, y->items, y->size);
  }
  if (a.tag == PJ_TAG_TUPLE && b.tag == PJ_TAG_TUPLE) {
    const PjTuple* x = pj_as_tuple(a);
    const PjTuple* y = pj_as_tuple(b);
    return CompareSequences(op, x->items, x->size, y->items, y->size);
  }
  if (a.tag == PJ_TAG_SET && b.tag == PJ_TAG_SET) return SetCompare(op, AsSet(a), AsSet(b));
  if (a.tag == PJ_TAG_DICT && b.tag == PJ_TAG_DICT &&
      (op == CompareOp::kEq || op == CompareOp::kNe)) {
    PjDict* x = AsDict(a);
    PjDict* y = AsDict(b);
    bool same = x->used == y->used;
    for (int64_t k = 0; same && k < x->nentries; ++k) {
      const PjDictEntry e = x->entries[k];
      if (e.key.tag == PJ_TAG_UNBOUND) continue;
      PjValue other;
      if (!DictGet(y, e.key, &other)) {
        if (CurrentError().set) return -1;
        same = false;
        break;
      }
      const int eq = pj_items_equal(e.value, other);
      if (eq < 0) return -1;
      same = eq == 1;
    }
    return (op == CompareOp::kEq) == same;
  }
  if (a.tag == PJ_TAG_RANGE && b.tag == PJ_TAG_RANGE &&
      (op == CompareOp::kEq || op == CompareOp::kNe)) {
    const auto* x = reinterpret_cast<const PjRange*>(a.as.obj);
    const auto* y = reinterpret_cast<const PjRange*>(b.as.obj);
    int64_t nx = RangeLength(x->start, x->stop, x->step);
    int64_t ny = RangeLength(y->start, y->stop, y->step);
    bool same = nx == ny && (nx == 0 || (x->start == y->start &&
                                         (nx == 1 || x->step == y->step)));
    return (op == CompareOp::kEq) == same;
  }
  if (op == CompareOp::kEq || op == CompareOp::kNe) {
    bool same = a.tag == b.tag && a.as.bits == b.as.bits;
    return (op == CompareOp::kEq) == same;
  }
  RaiseF(ExcKind::kTypeError, "'%s' not supported between instances of '%s' and '%s'",
         CompareOpSymbol(op), TypeName(a), TypeName(b));
  return -1;
}

bool IsIdentical(PjValue a, PjValue b) {
  return a.tag == b.tag && a.as.bits == b.as.bits;
}

// 1 if `item` is in `container`, 0 if not, -1 with the error raised.
int Contains(PjValue container, PjValue item) {
  switch (container.tag) {
    case PJ_TAG_LIST: {
      const PjList* list = pj_as_list(container);
      for (int64_t i = 0; i < list->size; ++i) {
        if (ValuesEqual(list->items[i], item)) return 1;
      }
      return 0;
    }
    case PJ_TAG_TUPLE: {
      const PjTuple* t = pj_as_tuple(container);
      for (int64_t i = 0; i < t->size; ++i) {
        if (ValuesEqual(t->items[i], item)) return 1;
      }
      return 0;
    }
    case PJ_TAG_STR: {
      if (item.tag != PJ_TAG_STR) {
        RaiseF(ExcKind::kTypeError, "'in <string>' requires string as left operand, not %s",
               TypeName(item));
        return -1;
      }
      std::string_view hay(pj_as_str(container)->data, pj_as_str(container)->nbytes);
      std::string_view needle(pj_as_str(item)->data, pj_as_str(item)->nbytes);
      return hay.find(needle) != std::string_view::npos;
    }
    case PJ_TAG_DICT:
      return DictContains(AsDict(container), item);
    case PJ_TAG_SET:
      return SetContains(AsSet(container), item);
    case PJ_TAG_DICT_VIEW: {
      const auto* view = reinterpret_cast<const PjDictView*>(container.as.obj);
      if (view->kind == DictViewKind::kKeys) return DictContains(view->dict, item);
      if (view->kind == DictViewKind::kItems) {
        // (k, v) in d.items(): k is a key whose value equals v.
        if (item.tag != PJ_TAG_TUPLE || pj_as_tuple(item)->size != 2) return 0;
        PjValue value;
        if (!DictGet(view->dict, pj_as_tuple(item)->items[0], &value)) {
          return CurrentError().set ? -1 : 0;
        }
        return pj_items_equal(value, pj_as_tuple(item)->items[1]);
      }
      PjValue it = NewDictIter(view->dict, view->kind), value;
      int more;
      while ((more = DictIterNext(reinterpret_cast<PjDictIter*>(it.as.obj), &value)) > 0) {
        const int eq = pj_items_equal(value, item);
        if (eq != 0) return eq;
      }
      return more;
    }
    case PJ_TAG_RANGE: {
      const auto* r = reinterpret_cast<const PjRange*>(container.as.obj);
      int64_t i;
      if (IsBigInt(item)) return 0;  // every range item fits in 64 bits
      if (IsIntLike(item)) {
        i = item.as.i;
      } else if (item.tag == PJ_TAG_FLOAT && item.as.f == std::floor(item.as.f) &&
                 std::fabs(item.as.f) < 9.2e18) {
        i = static_cast<int64_t>(item.as.f);
      } else {
        return 0;
      }
      int64_t n = RangeLength(r->start, r->stop, r->step);
      if (n == 0) return 0;
      __int128 offset = static_cast<__int128>(i) - r->start;
      if (offset % r->step != 0) return 0;
      __int128 k = offset / r->step;
      return k >= 0 && k < n;
    }
    default:
      RaiseF(ExcKind::kTypeError, "argument of type '%s' is not iterable",
             TypeName(container));
      return -1;
  }
}

// Python's index normalization: negative counts from the end.
bool NormalizeIndex(int64_t* index, int64_t size) {
  if (*index < 0) *index += size;
  return *index >= 0 && *index < size;
}

// The item `index` names in a list being assigned to or deleted from
// (`a[i] = v`, `del a[i]`): CPython's errors for a non-int, an int beyond
// 64 bits, and an index out of range.
bool ListAssignmentIndex(const PjList* list, PjValue index, int64_t* out) {
  if (IsBigInt(index)) {
    Raise(ExcKind::kIndexError, "cannot fit 'int' into an index-sized integer");
    return false;
  }
  if (!IsIntLike(index)) {
    RaiseF(ExcKind::kTypeError, "list indices must be integers or slices, not %s",
           TypeName(index));
    return false;
  }
  *out = index.as.i;
  if (!NormalizeIndex(out, list->size)) {
    Raise(ExcKind::kIndexError, "list assignment index out of range");
    return false;
  }
  return true;
}

int64_t Utf8CharLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

}  // namespace

int64_t RangeLength(int64_t start, int64_t stop, int64_t step) {
  // The usual step of 1 without the 128-bit division below: the same value
  // (the difference, wrapped as the cast below wraps it).
  if (step == 1) {
    return start < stop
               ? static_cast<int64_t>(static_cast<uint64_t>(stop) - static_cast<uint64_t>(start))
               : 0;
  }
  __int128 lo = start, hi = stop, st = step;
  if (st > 0 && lo < hi) return static_cast<int64_t>((hi - lo - 1) / st + 1);
  if (st < 0 && lo > hi) return static_cast<int64_t>((lo - hi - 1) / (-st) + 1);
  return 0;
}

}  // namespace pyjit

using namespace pyjit;

extern "C" {

int pj_items_equal(PjValue a, PjValue b) {
  if (pyjit::IsIdentical(a, b)) return 1;
  return pyjit::RichCompare(pyjit::CompareOp::kEq, a, b);
}

PjValue pj_binary_op(int32_t raw_op, PjValue a, PjValue b) {
  auto op = static_cast<BinaryOp>(raw_op & ~kInplaceFlag);
  if (PjValue r; SetBinaryOp(op, (raw_op & kInplaceFlag) != 0, a, b, &r)) return r;
  if ((raw_op & kInplaceFlag) && a.tag == PJ_TAG_LIST) {
    if (op == BinaryOp::kAdd) return ListExtendInPlace(a, b);
    if (op == BinaryOp::kMul && IsAnyInt(b)) {
      int64_t n;
      if (!RepeatCount(b, &n)) return pj_error();
      return ListRepeatInPlace(a, n);
    }
  }
  if (IsIntLike(a) && IsIntLike(b)) {
    if (a.tag == PJ_TAG_BOOL && b.tag == PJ_TAG_BOOL &&
        (op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kXor)) {
      PjValue r = IntBinary(op, a.as.i, b.as.i);
      return pj_bool(static_cast<int>(r.as.i));
    }
    return IntBinary(op, a.as.i, b.as.i);
  }
  // int ** negative int is float arithmetic, in CPython too.
  bool int_pow_negative = op == BinaryOp::kPow && IsAnyInt(a) && IsAnyInt(b) && IntSign(b) < 0;
  if (IsAnyInt(a) && IsAnyInt(b) && !int_pow_negative) return IntBinaryWide(op, a, b);
  // Shifts and bitwise operators take no floats: no conversion (which
  // could raise OverflowError first).
  bool float_op = static_cast<int32_t>(op) <= static_cast<int32_t>(BinaryOp::kPow);
  if (IsNumber(a) && IsNumber(b) && float_op) {
    double x, y;
    if (!ToDouble(a, &x) || !ToDouble(b, &y)) return pj_error();
    return FloatBinary(op, x, y, a, b);
  }
  const bool inplace = (raw_op & kInplaceFlag) != 0;
  // `a += b` names its operator `+=` (CPython's binary_iop1).
  const std::string symbol = absl::StrCat(BinaryOpSymbol(op), inplace ? "=" : "");
  if (op == BinaryOp::kAdd) {
    if (a.tag == b.tag && IsSequence(a)) return Concat(a, b);
    if (a.tag == PJ_TAG_STR) {
      return RaiseF(ExcKind::kTypeError, "can only concatenate str (not \"%s\") to str",
                    TypeName(b));
    }
    if (a.tag == PJ_TAG_LIST) {
      return RaiseF(ExcKind::kTypeError,
                    "can only concatenate list (not \"%s\") to list", TypeName(b));
    }
    if (a.tag == PJ_TAG_TUPLE) {
      return RaiseF(ExcKind::kTypeError,
                    "can only concatenate tuple (not \"%s\") to tuple", TypeName(b));
    }
  }
  if (op == BinaryOp::kMul) {
    if (IsSequence(a) && IsAnyInt(b)) return Repeat(a, b);
    if (IsAnyInt(a) && IsSequence(b)) return Repeat(b, a);
    if (IsSequence(a) || IsSequence(b)) {
      PjValue other = IsSequence(a) ? b : a;
      return RaiseF(ExcKind::kTypeError, "can't multiply sequence by non-int of type '%s'",
                    TypeName(other));
    }
  }
  // CPython formats here (str % values); pyjit's subset does not yet.
  if (op == BinaryOp::kMod && a.tag == PJ_TAG_STR) return PercentFormat(a, b);
  if (op == BinaryOp::kPow && !inplace) {
    return RaiseF(ExcKind::kTypeError,
                  "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                  TypeName(a), TypeName(b));
  }
  return UnsupportedOperands(symbol.c_str(), a, b);
}

PjValue pj_unary_op(int32_t raw_op, PjValue a) {
  switch (static_cast<UnaryOp>(raw_op)) {
    case UnaryOp::kNot:
      return pj_bool(!pj_truthy(a));
    case UnaryOp::kNegative:
      if (IsIntLike(a) && a.as.i != INT64_MIN) return pj_int(-a.as.i);
      if (IsAnyInt(a)) return IntNegate(a);
      if (a.tag == PJ_TAG_FLOAT) return pj_float(-a.as.f);
      return RaiseF(ExcKind::kTypeError, "bad operand type for unary -: '%s'", TypeName(a));
    case UnaryOp::kPositive:
      if (IsIntLike(a)) return pj_int(a.as.i);
      if (IsBigInt(a) || a.tag == PJ_TAG_FLOAT) return a;
      return RaiseF(ExcKind::kTypeError, "bad operand type for unary +: '%s'", TypeName(a));
    case UnaryOp::kInvert:
      if (IsIntLike(a)) return pj_int(~a.as.i);
      if (IsBigInt(a)) return IntInvert(a);
      return RaiseF(ExcKind::kTypeError, "bad operand type for unary ~: '%s'", TypeName(a));
  }
  return Raise(ExcKind::kTypeError, "bad unary operator");
}

PjValue pj_compare_op(int32_t raw_op, PjValue a, PjValue b) {
  auto op = static_cast<CompareOp>(raw_op);
  switch (op) {
    case CompareOp::kIs: return pj_bool(IsIdentical(a, b));
    case CompareOp::kIsNot: return pj_bool(!IsIdentical(a, b));
    case CompareOp::kIn:
    case CompareOp::kNotIn: {
      int found = Contains(b, a);
      if (found < 0) return pj_error();
      return pj_bool(op == CompareOp::kIn ? found : !found);
    }
    default: {
      int r = RichCompare(op, a, b);
      if (r < 0) return pj_error();
      return pj_bool(r);
    }
  }
}

int pj_truthy(PjValue v) {
  switch (v.tag) {
    case PJ_TAG_NONE: return 0;
    case PJ_TAG_BOOL:
    case PJ_TAG_INT: return v.as.i != 0;
    case PJ_TAG_FLOAT: return v.as.f != 0.0;
    case PJ_TAG_STR: return pj_as_str(v)->nbytes != 0;
    case PJ_TAG_LIST: return pj_as_list(v)->size != 0;
    case PJ_TAG_TUPLE: return pj_as_tuple(v)->size != 0;
    case PJ_TAG_DICT: return AsDict(v)->used != 0;
    case PJ_TAG_SET: return AsSet(v)->used != 0;
    case PJ_TAG_DICT_VIEW: return reinterpret_cast<const PjDictView*>(v.as.obj)->dict->used != 0;
    case PJ_TAG_RANGE: {
      const auto* r = reinterpret_cast<const PjRange*>(v.as.obj);
      return RangeLength(r->start, r->stop, r->step) != 0;
    }
    default: return 1;
  }
}

PjValue pj_subscript(PjValue container, PjValue index) {
  const char* kind = TypeName(container);
  if (container.tag == PJ_TAG_DICT) return pj_dict_subscript(container, index);
  switch (container.tag) {
    case PJ_TAG_LIST:
    case PJ_TAG_TUPLE:
    case PJ_TAG_RANGE:
    case PJ_TAG_STR:
      break;
    default:
      return RaiseF(ExcKind::kTypeError, "'%s' object is not subscriptable", kind);
  }
  if (IsBigInt(index)) {
    return Raise(ExcKind::kIndexError, "cannot fit 'int' into an index-sized integer");
  }
  if (!IsIntLike(index)) {
    if (container.tag == PJ_TAG_STR) {
      return RaiseF(ExcKind::kTypeError, "string indices must be integers, not '%s'",
                    TypeName(index));
    }
    return RaiseF(ExcKind::kTypeError, "%s indices must be integers or slices, not %s",
                  kind, TypeName(index));
  }
  int64_t i = index.as.i;
  switch (container.tag) {
    case PJ_TAG_LIST: {
      const PjList* list = pj_as_list(container);
      if (!NormalizeIndex(&i, list->size)) {
        return Raise(ExcKind::kIndexError, "list index out of range");
      }
      return list->items[i];
    }
    case PJ_TAG_TUPLE: {
      const PjTuple* t = pj_as_tuple(container);
      if (!NormalizeIndex(&i, t->size)) {
        return Raise(ExcKind::kIndexError, "tuple index out of range");
      }
      return t->items[i];
    }
    case PJ_TAG_RANGE: {
      const auto* r = reinterpret_cast<const PjRange*>(container.as.obj);
      if (!NormalizeIndex(&i, RangeLength(r->start, r->stop, r->step))) {
        return Raise(ExcKind::kIndexError, "range object index out of range");
      }
      return pj_int(r->start + i * r->step);
    }
    default: {
      const PjStr* s = pj_as_str(container);
      if (!NormalizeIndex(&i, s->nchars)) {
        return Raise(ExcKind::kIndexError, "string index out of range");
      }
      int64_t at = 0;
      if (s->nchars == s->nbytes) {
        at = i;
      } else {
        for (int64_t skipped = 0; skipped < i; ++skipped) {
          at += Utf8CharLength(static_cast<unsigned char>(s->data[at]));
        }
      }
      int64_t len = Utf8CharLength(static_cast<unsigned char>(s->data[at]));
      return pj_object(PJ_TAG_STR,
                       &TheHeap().NewStr(std::string_view(s->data + at, len))->head);
    }
  }
}

int pj_store_subscript(PjValue container, PjValue index, PjValue value) {
  if (container.tag == PJ_TAG_DICT) return pj_map_add(container, index, value);
  if (container.tag != PJ_TAG_LIST) {
    RaiseF(ExcKind::kTypeError, "'%s' object does not support item assignment",
           TypeName(container));
    return -1;
  }
  int64_t i;
  if (!ListAssignmentIndex(pj_as_list(container), index, &i)) return -1;
  pj_as_list(container)->items[i] = value;
  return 0;
}

PjValue pj_slice(PjValue container, PjValue start_v, PjValue stop_v, PjValue step_v) {
  if (container.tag != PJ_TAG_LIST && container.tag != PJ_TAG_TUPLE &&
      container.tag != PJ_TAG_STR) {
    return RaiseF(ExcKind::kTypeError, "'%s' object is not subscriptable", TypeName(container));
  }
  for (PjValue* bound : {&start_v, &stop_v, &step_v}) {
    if (!IsAnyInt(*bound) && bound->tag != PJ_TAG_NONE) {
      return Raise(ExcKind::kTypeError,
                   "slice indices must be integers or None or have an __index__ method");
    }
    // CPython clamps a bound beyond 64 bits; so does the adjustment below.
    if (IsBigInt(*bound)) *bound = pj_int(IntSign(*bound) > 0 ? INT64_MAX : -INT64_MAX);
  }
  int64_t step = step_v.tag == PJ_TAG_NONE ? 1 : step_v.as.i;
  if (step == 0) return Raise(ExcKind::kValueError, "slice step cannot be zero");
  // The code points of a str, as byte offsets, so that slicing counts
  // characters; other sequences index items directly.
  std::vector<int64_t> char_offsets;
  int64_t length;
  if (container.tag == PJ_TAG_STR) {
    const PjStr* s = pj_as_str(container);
    for (int64_t at = 0; at < s->nbytes;
         at += Utf8CharLength(static_cast<unsigned char>(s->data[at]))) {
      char_offsets.push_back(at);
    }
    char_offsets.push_back(s->nbytes);
    length = s->nchars;
  } else {
    length = container.tag == PJ_TAG_LIST ? pj_as_list(container)->size
                                          : pj_as_tuple(container)->size;
  }
  // CPython's PySlice_AdjustIndices.
  auto adjust = [&](PjValue v, int64_t if_none) {
    if (v.tag == PJ_TAG_NONE) return if_none;
    int64_t i = v.as.i;
    if (i < 0) {
      i += length;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= length) {
      i = step < 0 ? length - 1 : length;
    }
    return i;
  };
  int64_t start = adjust(start_v, step < 0 ? length - 1 : 0);
  int64_t stop = adjust(stop_v, step < 0 ? -1 : length);
  int64_t count = 0;
  if (step > 0 && start < stop) count = (stop - start - 1) / step + 1;
  if (step < 0 && stop < start) count = (start - stop - 1) / (-step) + 1;
  Heap& heap = TheHeap();
  if (container.tag == PJ_TAG_STR) {
    const PjStr* s = pj_as_str(container);
    std::string out;
    for (int64_t k = 0, i = start; k < count; ++k, i += step) {
      out.append(s->data + char_offsets[i], char_offsets[i + 1] - char_offsets[i]);
    }
    return pj_object(PJ_TAG_STR, &heap.NewStr(out)->head);
  }
  const PjValue* items = container.tag == PJ_TAG_LIST ? pj_as_list(container)->items
                                                      : pj_as_tuple(container)->items;
  PjValue* out;
  PjValue result;
  if (container.tag == PJ_TAG_LIST) {
    PjList* list = heap.NewList(count);
    out = list->items;
    result = pj_object(PJ_TAG_LIST, &list->head);
  } else {
    PjTuple* t = heap.NewTuple(count);
    out = t->items;
    result = pj_object(PJ_TAG_TUPLE, &t->head);
  }
  for (int64_t k = 0, i = start; k < count; ++k, i += step) out[k] = items[i];
  return result;
}

PjValue pj_get_iter(PjValue iterable) {
  Heap& heap = TheHeap();
  switch (iterable.tag) {
    case PJ_TAG_RANGE:
      return pj_object(PJ_TAG_RANGE_ITER,
                       &heap.NewRangeIter(reinterpret_cast<PjRange*>(iterable.as.obj))->head);
    case PJ_TAG_LIST:
    case PJ_TAG_TUPLE:
    case PJ_TAG_STR:
      return pj_object(PJ_TAG_SEQ_ITER, &heap.NewSeqIter(iterable.as.obj)->head);
    case PJ_TAG_DICT:
      return NewDictIter(AsDict(iterable), DictViewKind::kKeys);
    case PJ_TAG_SET:
      return NewSetIter(iterable);
    case PJ_TAG_DICT_VIEW: {
      const auto* view = reinterpret_cast<const PjDictView*>(iterable.as.obj);
      return NewDictIter(view->dict, view->kind);
    }
    default:
      if (IsIterator(iterable)) return iterable;
      return RaiseF(ExcKind::kTypeError, "'%s' object is not iterable", TypeName(iterable));
  }
}

int pj_iter_next(PjValue iterator, PjValue* out) {
  if (iterator.tag == PJ_TAG_RANGE_ITER) {
    return pj_fast_range_next(reinterpret_cast<PjRangeIter*>(iterator.as.obj), out);
  }
  if (iterator.tag == PJ_TAG_DICT_ITER) {
    return pyjit::DictIterNext(reinterpret_cast<pyjit::PjDictIter*>(iterator.as.obj), out);
  }
  if (iterator.tag == PJ_TAG_ADAPTER_ITER) {
    return pyjit::AdapterNext(reinterpret_cast<pyjit::PjAdapterIter*>(iterator.as.obj), out);
  }
  if (iterator.tag == PJ_TAG_GENERATOR) {
    return pyjit::GeneratorNext(reinterpret_cast<pyjit::PjGenerator*>(iterator.as.obj), out);
  }
  auto* it = reinterpret_cast<PjSeqIter*>(iterator.as.obj);
  if (it->seq == nullptr) return 0;
  switch (it->seq->kind) {
    case PJ_TAG_LIST: {
      auto* list = reinterpret_cast<PjList*>(it->seq);
      if (it->index < list->size) {
        *out = list->items[it->index++];
        return 1;
      }
      break;
    }
    case PJ_TAG_TUPLE: {
      auto* t = reinterpret_cast<PjTuple*>(it->seq);
      if (it->index < t->size) {
        *out = t->items[it->index++];
        return 1;
      }
      break;
    }
    default: {  // str: index is a byte offset
      auto* s = reinterpret_cast<PjStr*>(it->seq);
      if (it->index < s->nbytes) {
        int64_t len = Utf8CharLength(static_cast<unsigned char>(s->data[it->index]));
        *out = pj_object(PJ_TAG_STR,
                         &TheHeap().NewStr(std::string_view(s->data + it->index, len))->head);
        it->index += len;
        return 1;
      }
      break;
    }
  }
  it->seq = nullptr;
  return 0;
}

PjValue pj_build_list(const PjValue* items, int32_t n) {
  PjList* list = TheHeap().NewList(n);
  pj_copy_values(list->items, items, n);
  return pj_object(PJ_TAG_LIST, &list->head);
}

PjValue pj_build_tuple(const PjValue* items, int32_t n) {
  PjTuple* t = TheHeap().NewTuple(n);
  pj_copy_values(t->items, items, n);
  return pj_object(PJ_TAG_TUPLE, &t->head);
}

void pj_list_append(PjValue list, PjValue item) { TheHeap().Append(pj_as_list(list), item); }

PjValue pj_build_map(const PjValue* items, int32_t n) {
  pyjit::PjDict* d = pyjit::NewDict();
  for (int32_t i = 0; i < n; ++i) {
    if (!pyjit::DictSet(d, items[2 * i], items[2 * i + 1])) return pj_error();
  }
  return pj_object(PJ_TAG_DICT, &d->head);
}

int pj_map_add(PjValue dict, PjValue key, PjValue value) {
  return pyjit::DictSet(pyjit::AsDict(dict), key, value) ? 0 : -1;
}

PjValue pj_dict_subscript(PjValue dict, PjValue key) {
  PjValue value;
  if (pyjit::DictGet(pyjit::AsDict(dict), key, &value)) return value;
  return pyjit::CurrentError().set ? pj_error() : pyjit::RaiseKeyError(key);
}

PjValue pj_build_set(const PjValue* items, int32_t n) {
  pyjit::PjSet* s = pyjit::NewSet();
  for (int32_t i = 0; i < n; ++i) {
    if (!pyjit::SetAdd(s, items[i])) return pj_error();
  }
  return pj_object(PJ_TAG_SET, &s->head);
}

int pj_set_add(PjValue set, PjValue item) { return pyjit::SetAdd(pyjit::AsSet(set), item) ? 0 : -1; }

int pj_delete_subscript(PjValue container, PjValue index) {
  using namespace pyjit;
  if (container.tag == PJ_TAG_DICT) {
    PjValue removed;
    const int found = DictPop(AsDict(container), index, &removed);
    if (found == 0) RaiseKeyError(index);
    return found == 1 ? 0 : -1;
  }
  if (container.tag != PJ_TAG_LIST) {
    RaiseF(ExcKind::kTypeError, "'%s' object doesn't support item deletion", TypeName(container));
    return -1;
  }
  PjList* list = pj_as_list(container);
  int64_t i;
  if (!ListAssignmentIndex(list, index, &i)) return -1;
  pj_copy_values(list->items + i, list->items + i + 1, list->size - i - 1);
  --list->size;
  return 0;
}

PjValue pj_format_value(PjValue value, PjValue spec, int32_t flags) {
  using pyjit::CurrentError;
  if ((flags & PJ_FORMAT_CONVERSION) != PJ_FORMAT_NONE) {
    const int conversion = flags & PJ_FORMAT_CONVERSION;
    std::string text = conversion == PJ_FORMAT_STR    ? pyjit::Str(value)
                       : conversion == PJ_FORMAT_REPR ? pyjit::Repr(value)
                                                      : pyjit::Ascii(value);
    if (CurrentError().set) return pj_error();
    value = pyjit::NewStrValue(text);
  }
  const bool has_spec = (flags & PJ_FORMAT_HAS_SPEC) != 0;
  // A str with no spec is its own text (most fields of most f-strings).
  if (!has_spec && value.tag == PJ_TAG_STR) return value;
  std::string out;
  if (!pyjit::FormatWithSpec(value, has_spec ? pyjit::StrText(spec) : "", &out)) return pj_error();
  return pyjit::NewStrValue(out);
}

PjValue pj_build_string(const PjValue* items, int32_t n) {
  if (n == 1) return items[0];
  std::string out;
  for (int32_t i = 0; i < n; ++i) out += pyjit::StrText(items[i]);
  return pyjit::NewStrValue(out);
}

int pj_unpack_sequence(PjValue seq, int32_t n, PjValue* out) {
  const PjValue* items;
  int64_t size;
  if (seq.tag == PJ_TAG_TUPLE) {
    items = pj_as_tuple(seq)->items;
    size = pj_as_tuple(seq)->size;
  } else if (seq.tag == PJ_TAG_LIST) {
    items = pj_as_list(seq)->items;
    size = pj_as_list(seq)->size;
  } else {
    PjValue it = pj_get_iter(seq);
    if (IsError(it)) {
      ClearError();
      RaiseF(ExcKind::kTypeError, "cannot unpack non-iterable %s object", TypeName(seq));
      return -1;
    }
    PjList* collected = TheHeap().NewList(0);
    PjValue item;
    int more;
    while ((more = pj_iter_next(it, &item)) > 0) TheHeap().Append(collected, item);
    if (more < 0) return -1;
    items = collected->items;
    size = collected->size;
  }
  if (size != n) {
    if (size > n) {
      RaiseF(ExcKind::kValueError, "too many values to unpack (expected %d)", n);
    } else {
      RaiseF(ExcKind::kValueError, "not enough values to unpack (expected %d, got %d)", n,
             static_cast<int>(size));
    }
    return -1;
  }
  for (int64_t i = 0; i < size; ++i) out[i] = items[size - 1 - i];
  return 0;
}

PjValue pj_range_iter(int64_t start, int64_t stop, int64_t step) {
  return pj_object(PJ_TAG_RANGE_ITER, &TheHeap().NewRangeIter(start, stop, step)->head);
}

// What math.sqrt, sin and cos compute (runtime/builtins.cc), without
// their argument checks and domain error: CALL_MATH_FLOAT does those.
double pj_math_float(int32_t function, double x) {
  switch (static_cast<PjMathFunction>(function)) {
    case PJ_MATH_SQRT: return std::sqrt(x);
    case PJ_MATH_SIN: return std::sin(x);
    case PJ_MATH_COS: return std::cos(x);
    case PJ_MATH_COUNT: break;
  }
  return std::nan("");
}

}  // extern "C"
