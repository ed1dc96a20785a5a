/* The common cases of the generic operations, on machine values and without
 * a call: what tier 1 tries before it calls the runtime (pj_binary_op,
 * pj_subscript, pj_iter_next), and what the specialized uop bodies
 * (ir/uop_bodies.h) do once their guards have checked the types. Both
 * tiers use these functions, so the two cannot disagree on a result; each
 * returns 0 when the case is not its own (other types, an overflow, a zero
 * divisor, an index out of range; *out is then unspecified), and the
 * caller takes the general path, which computes the result or raises
 * CPython's error. */
#ifndef PYJIT_RUNTIME_FAST_PATHS_H_
#define PYJIT_RUNTIME_FAST_PATHS_H_

#include <stdint.h>

#include "runtime/numbers.h"
#include "runtime/objects.h"
#include "runtime/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The binary operators' numbering (frontend/bytecode.h's BinaryOp), as the
 * C bodies see it. */
enum {
  PJ_FAST_ADD = 0,
  PJ_FAST_SUB = 1,
  PJ_FAST_MUL = 2,
  PJ_FAST_TRUEDIV = 3,
  PJ_FAST_FLOORDIV = 4,
  PJ_FAST_MOD = 5,
  PJ_FAST_LSHIFT = 7,
  PJ_FAST_RSHIFT = 8,
  PJ_FAST_AND = 9,
  PJ_FAST_OR = 10,
  PJ_FAST_XOR = 11,
};

/* a op b on two small ints: +, -, * and << without overflow; // and %
 * without a zero divisor (and without INT64_MIN // -1, which needs a big
 * int); >>, &, |, ^; a negative shift count is the general path's
 * ValueError. */
static inline int pj_fast_int_op(int32_t op, int64_t a, int64_t b, int64_t* out) {
  switch (op) {
    case PJ_FAST_ADD: return !__builtin_add_overflow(a, b, out);
    case PJ_FAST_SUB: return !__builtin_sub_overflow(a, b, out);
    case PJ_FAST_MUL: return !__builtin_mul_overflow(a, b, out);
    case PJ_FAST_FLOORDIV:
      if (b == 0 || (b == -1 && a == INT64_MIN)) return 0;
      *out = FloorDivide(a, b);
      return 1;
    case PJ_FAST_MOD:
      if (b == 0) return 0;
      *out = b == -1 ? 0 : FloorModulo(a, b);
      return 1;
    case PJ_FAST_LSHIFT:
      if (b < 0 || b >= 64) return 0;
      *out = (int64_t)((uint64_t)a << b);
      return (*out >> b) == a;
    case PJ_FAST_RSHIFT:
      if (b < 0) return 0;
      *out = b >= 64 ? (a < 0 ? -1 : 0) : a >> b; /* floor, as Python's */
      return 1;
    case PJ_FAST_AND: *out = a & b; return 1;
    case PJ_FAST_OR: *out = a | b; return 1;
    case PJ_FAST_XOR: *out = a ^ b; return 1;
    default: return 0;
  }
}

/* a op b on two floats: +, -, *, and / by a non-zero divisor. */
static inline int pj_fast_float_op(int32_t op, double a, double b, double* out) {
  switch (op) {
    case PJ_FAST_ADD: *out = a + b; return 1;
    case PJ_FAST_SUB: *out = a - b; return 1;
    case PJ_FAST_MUL: *out = a * b; return 1;
    case PJ_FAST_TRUEDIV:
      if (b == 0.0) return 0; /* ZeroDivisionError */
      *out = a / b;
      return 1;
    default: return 0;
  }
}

/* A float, or a small int converted as CPython converts it (rounding to
 * nearest); 0 for anything else. */
static inline int pj_fast_double(PjValue v, double* out) {
  if (v.tag == PJ_TAG_FLOAT) {
    *out = v.as.f;
    return 1;
  }
  if (v.tag == PJ_TAG_INT) {
    *out = (double)v.as.i;
    return 1;
  }
  return 0;
}

/* a op b for small ints and floats in any mix. */
static inline int pj_fast_binary_op(int32_t op, PjValue a, PjValue b, PjValue* out) {
  if (a.tag == PJ_TAG_INT && b.tag == PJ_TAG_INT) {
    int64_t r;
    if (!pj_fast_int_op(op, a.as.i, b.as.i, &r)) return 0;
    *out = pj_int(r);
    return 1;
  }
  double x, y, r;
  if (!pj_fast_double(a, &x) || !pj_fast_double(b, &y) || !pj_fast_float_op(op, x, y, &r)) {
    return 0;
  }
  *out = pj_float(r);
  return 1;
}

/* The address of list[i], Python's negative indexes included; null when
 * out of range (IndexError). */
static inline PjValue* pj_fast_list_slot(PjList* list, int64_t i) {
  if (i < 0) i += list->size;
  if ((uint64_t)i >= (uint64_t)list->size) return 0;
  return &list->items[i];
}

/* Whether math's r = f(x) is a domain error (ValueError): a NaN from a
 * number that was not one. math.sqrt, sin and cos (runtime/builtins.cc)
 * and CALL_MATH_FLOAT both ask this, so the two cannot disagree. */
static inline int pj_math_domain_error(double r, double x) { return r != r && x == x; }

/* The next int of a range iterator; 0 when it is exhausted. */
static inline int pj_fast_range_next(PjRangeIter* it, PjValue* out) {
  if (it->remaining <= 0) return 0;
  *out = pj_int(it->next);
  it->next += it->step; /* may wrap past the last item; never read then */
  --it->remaining;
  return 1;
}

#ifdef __cplusplus
}
#endif

#endif /* PYJIT_RUNTIME_FAST_PATHS_H_ */
