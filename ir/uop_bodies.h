/* The semantics of every uop in uop_table.h, as one small C function each,
 * over the runtime's value and frame layout. The tier-2 interpreter calls
 * these; compiling backends compile these very bodies (clang stencils, LLVM
 * bitcode, MIR's c2m), so a uop means the same thing on every backend.
 *
 * Plain C: no C++, no exceptions. `*spp` is the stack top (one past the top
 * value); frame->slots[i] is local i. A body returns PJ_UOP_NEXT, or
 * PJ_UOP_EXIT with the stack exactly as its exit target expects (untouched,
 * or with its input popped for PJ_F_EXIT_POP uops), or PJ_UOP_ERROR with
 * the exception pending, or PJ_UOP_LOOP. */
#ifndef PYJIT_IR_UOP_BODIES_H_
#define PYJIT_IR_UOP_BODIES_H_

#include <emmintrin.h>
#include <stdint.h>

#include "ir/uop_table.h"
#include "runtime/fast_paths.h"
#include "runtime/numbers.h"
#include "runtime/objects.h"
#include "runtime/ops.h"
#include "runtime/order_compares.h"
#include "runtime/value.h"

#define PJ_UOP(name)                                                                   \
  static inline int pj_uop_##name(PjFrame* frame, PjValue** spp, int32_t oparg,        \
                                  uint64_t operand)
#define PJ_UNUSED (void)frame, (void)spp, (void)oparg, (void)operand

PJ_UOP(NOP) {
  PJ_UNUSED;
  return PJ_UOP_NEXT;
}

PJ_UOP(LOAD_FAST) {
  PJ_UNUSED;
  if (frame->slots[oparg].tag == PJ_TAG_UNBOUND) return PJ_UOP_EXIT; /* tier 1 raises */
  pj_value_move((*spp)++, &frame->slots[oparg]);
  return PJ_UOP_NEXT;
}

PJ_UOP(LOAD_FAST_BOUND) {
  PJ_UNUSED;
  pj_value_move((*spp)++, &frame->slots[oparg]);
  return PJ_UOP_NEXT;
}

PJ_UOP(STORE_FAST) {
  PJ_UNUSED;
  pj_value_move(&frame->slots[oparg], --(*spp));
  return PJ_UOP_NEXT;
}

/* A cell is a PjObject header then its value (runtime/function.h's
 * PjCell). */
static inline PjValue* pj_cell_value(PjValue cell) { return (PjValue*)((PjObject*)cell.as.obj + 1); }

PJ_UOP(LOAD_DEREF) {
  PJ_UNUSED;
  PjValue* value = pj_cell_value(frame->slots[oparg]);
  if (value->tag == PJ_TAG_UNBOUND) return PJ_UOP_EXIT; /* tier 1 raises */
  pj_value_move((*spp)++, value);
  return PJ_UOP_NEXT;
}

PJ_UOP(STORE_DEREF) {
  PJ_UNUSED;
  pj_value_move(pj_cell_value(frame->slots[oparg]), --(*spp));
  return PJ_UOP_NEXT;
}

PJ_UOP(LOAD_CONST) {
  PJ_UNUSED;
  PjValue v;
  v.tag = (uint64_t)oparg;
  v.as.bits = operand;
  *(*spp)++ = v;
  return PJ_UOP_NEXT;
}

PJ_UOP(LOAD_GLOBAL) {
  PJ_UNUSED;
  if (frame->globals[oparg].tag == PJ_TAG_UNBOUND) return PJ_UOP_EXIT;
  pj_value_move((*spp)++, &frame->globals[oparg]);
  return PJ_UOP_NEXT;
}

PJ_UOP(LOAD_GLOBAL_BUILTIN) {
  PJ_UNUSED;
  if (frame->globals[oparg].tag != PJ_TAG_UNBOUND) return PJ_UOP_EXIT; /* shadowed */
  *(*spp)++ = pj_object(PJ_TAG_BUILTIN, (PjObject*)(uintptr_t)operand);
  return PJ_UOP_NEXT;
}

PJ_UOP(STORE_GLOBAL) {
  PJ_UNUSED;
  pj_value_move(&frame->globals[oparg], --(*spp));
  return PJ_UOP_NEXT;
}

PJ_UOP(POP_TOP) {
  PJ_UNUSED;
  --(*spp);
  return PJ_UOP_NEXT;
}

PJ_UOP(COPY) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  pj_value_move(sp, &sp[-oparg]);
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(SWAP) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue t;
  pj_value_move(&t, &sp[-1]);
  pj_value_move(&sp[-1], &sp[-oparg]);
  pj_value_move(&sp[-oparg], &t);
  return PJ_UOP_NEXT;
}

PJ_UOP(GUARD_BOTH_INT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  return (sp[-1].tag == PJ_TAG_INT && sp[-2].tag == PJ_TAG_INT) ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_BOTH_FLOAT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  return (sp[-1].tag == PJ_TAG_FLOAT && sp[-2].tag == PJ_TAG_FLOAT) ? PJ_UOP_NEXT
                                                                    : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_TOS_INT) {
  PJ_UNUSED;
  return (*spp)[-1].tag == PJ_TAG_INT ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_NOS_LIST) {
  PJ_UNUSED;
  return (*spp)[-2].tag == PJ_TAG_LIST ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_NOS_DICT) {
  PJ_UNUSED;
  return (*spp)[-2].tag == PJ_TAG_DICT ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_TOS_STR) {
  PJ_UNUSED;
  return (*spp)[-1].tag == PJ_TAG_STR ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_TOS_FLOAT) {
  PJ_UNUSED;
  return (*spp)[-1].tag == PJ_TAG_FLOAT ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_FLOAT_INT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  return (sp[-2].tag == PJ_TAG_FLOAT && sp[-1].tag == PJ_TAG_INT) ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_INT_FLOAT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  return (sp[-2].tag == PJ_TAG_INT && sp[-1].tag == PJ_TAG_FLOAT) ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

/* The int and float arithmetic: after their guards, each uop computes
 * tier 1's fast path (runtime/fast_paths.h), so the tiers cannot disagree.
 * Where that path declines (an overflow, a zero divisor, INT64_MIN // -1)
 * the uop exits and tier 1 computes the result or raises; &, |, ^ and the
 * float +, -, * never decline. */
#define PJ_INT_BODY(name, fast)                                              \
  PJ_UOP(name) {                                                            \
    PJ_UNUSED;                                                              \
    PjValue* sp = *spp;                                                     \
    int64_t r;                                                              \
    if (!pj_fast_int_op(fast, sp[-2].as.i, sp[-1].as.i, &r)) return PJ_UOP_EXIT; \
    sp[-2].as.i = r;                                                        \
    *spp = sp - 1;                                                          \
    return PJ_UOP_NEXT;                                                     \
  }
PJ_INT_BODY(BINARY_OP_ADD_INT, PJ_FAST_ADD)
PJ_INT_BODY(BINARY_OP_SUB_INT, PJ_FAST_SUB)
PJ_INT_BODY(BINARY_OP_MUL_INT, PJ_FAST_MUL)
PJ_INT_BODY(BINARY_OP_FLOORDIV_INT, PJ_FAST_FLOORDIV)
PJ_INT_BODY(BINARY_OP_MOD_INT, PJ_FAST_MOD)
PJ_INT_BODY(BINARY_OP_AND_INT, PJ_FAST_AND)
PJ_INT_BODY(BINARY_OP_OR_INT, PJ_FAST_OR)
PJ_INT_BODY(BINARY_OP_XOR_INT, PJ_FAST_XOR)
#undef PJ_INT_BODY

/* The fast path each float uop computes; the mixed uops (PJ_UOP_MIXED_FLOAT)
 * compute their float uop's after converting the int operand. */
#define PJ_FAST_OF_BINARY_OP_ADD_FLOAT PJ_FAST_ADD
#define PJ_FAST_OF_BINARY_OP_SUB_FLOAT PJ_FAST_SUB
#define PJ_FAST_OF_BINARY_OP_MUL_FLOAT PJ_FAST_MUL
#define PJ_FAST_OF_BINARY_OP_TRUEDIV_FLOAT PJ_FAST_TRUEDIV

#define PJ_FLOAT_BODY(name, fast, int_side)                                  \
  PJ_UOP(name) {                                                            \
    PJ_UNUSED;                                                              \
    PjValue* sp = *spp;                                                     \
    double a = (int_side) == 2 ? (double)sp[-2].as.i : sp[-2].as.f;         \
    double b = (int_side) == 1 ? (double)sp[-1].as.i : sp[-1].as.f;         \
    double r;                                                               \
    if (!pj_fast_float_op(fast, a, b, &r)) return PJ_UOP_EXIT;              \
    sp[-2] = pj_float(r);                                                   \
    *spp = sp - 1;                                                          \
    return PJ_UOP_NEXT;                                                     \
  }
PJ_FLOAT_BODY(BINARY_OP_ADD_FLOAT, PJ_FAST_ADD, 0)
PJ_FLOAT_BODY(BINARY_OP_SUB_FLOAT, PJ_FAST_SUB, 0)
PJ_FLOAT_BODY(BINARY_OP_MUL_FLOAT, PJ_FAST_MUL, 0)
PJ_FLOAT_BODY(BINARY_OP_TRUEDIV_FLOAT, PJ_FAST_TRUEDIV, 0)
#define PJ_MIXED_FLOAT_BODY(name, float_uop, op, int_side, divides) \
  PJ_FLOAT_BODY(name, PJ_FAST_OF_##float_uop, int_side)
PJ_UOP_MIXED_FLOAT(PJ_MIXED_FLOAT_BODY)
#undef PJ_MIXED_FLOAT_BODY
#undef PJ_FLOAT_BODY

PJ_UOP(UNARY_NEGATIVE_INT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  if (sp[-1].as.i == INT64_MIN) return PJ_UOP_EXIT; /* tier 1 makes a big int */
  sp[-1].as.i = -sp[-1].as.i;
  return PJ_UOP_NEXT;
}

PJ_UOP(UNARY_NEGATIVE_FLOAT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  sp[-1].as.f = -sp[-1].as.f;
  return PJ_UOP_NEXT;
}

/* oparg numbers an ordering comparison: runtime/order_compares.h. */

PJ_UOP(COMPARE_INT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  sp[-2] = pj_bool(pj_order_compare_i64(sp[-2].as.i, sp[-1].as.i, oparg));
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(COMPARE_FLOAT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  sp[-2] = pj_bool(pj_order_compare_f64(sp[-2].as.f, sp[-1].as.f, oparg));
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(BINARY_SUBSCR_LIST_INT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  const PjValue* slot = pj_fast_list_slot(pj_as_list(sp[-2]), sp[-1].as.i);
  if (slot == 0) return PJ_UOP_EXIT; /* tier 1 raises IndexError */
  pj_value_move(&sp[-2], slot);
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(STORE_SUBSCR_LIST_INT) {
  PJ_UNUSED;
  PjValue* sp = *spp; /* value, list, index */
  PjValue* slot = pj_fast_list_slot(pj_as_list(sp[-2]), sp[-1].as.i);
  if (slot == 0) return PJ_UOP_EXIT; /* tier 1 raises IndexError */
  pj_value_move(slot, &sp[-3]);
  *spp = sp - 3;
  return PJ_UOP_NEXT;
}

PJ_UOP(BINARY_OP) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_binary_op(oparg, sp[-2], sp[-1]);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-2] = r;
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(UNARY_OP) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_unary_op(oparg, sp[-1]);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-1] = r;
  return PJ_UOP_NEXT;
}

PJ_UOP(COMPARE_OP) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_compare_op(oparg, sp[-2], sp[-1]);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-2] = r;
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(BINARY_SUBSCR) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_subscript(sp[-2], sp[-1]);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-2] = r;
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(BINARY_SUBSCR_DICT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_dict_subscript(sp[-2], sp[-1]);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-2] = r;
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(STORE_SUBSCR_DICT) {
  PJ_UNUSED;
  PjValue* sp = *spp - 3;
  if (pj_map_add(sp[1], sp[2], sp[0]) != 0) return PJ_UOP_ERROR;
  *spp = sp;
  return PJ_UOP_NEXT;
}

PJ_UOP(STORE_SUBSCR) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  if (pj_store_subscript(sp[-2], sp[-1], sp[-3]) != 0) return PJ_UOP_ERROR;
  *spp = sp - 3;
  return PJ_UOP_NEXT;
}

PJ_UOP(BINARY_SLICE) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_slice(sp[-4], sp[-3], sp[-2], sp[-1]);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-4] = r;
  *spp = sp - 3;
  return PJ_UOP_NEXT;
}

PJ_UOP(BUILD_LIST) {
  PJ_UNUSED;
  PjValue* sp = *spp - oparg;
  *sp = pj_build_list(sp, oparg);
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(BUILD_TUPLE) {
  PJ_UNUSED;
  PjValue* sp = *spp - oparg;
  *sp = pj_build_tuple(sp, oparg);
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(BUILD_MAP) {
  PJ_UNUSED;
  PjValue* sp = *spp - 2 * oparg;
  PjValue d = pj_build_map(sp, oparg);
  if (d.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  *sp = d;
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(MAP_ADD) {
  PJ_UNUSED;
  PjValue* sp = *spp - 2;
  if (pj_map_add(sp[-oparg], sp[0], sp[1]) != 0) return PJ_UOP_ERROR;
  *spp = sp;
  return PJ_UOP_NEXT;
}

PJ_UOP(BUILD_SET) {
  PJ_UNUSED;
  PjValue* sp = *spp - oparg;
  PjValue s = pj_build_set(sp, oparg);
  if (s.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  *sp = s;
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(SET_ADD) {
  PJ_UNUSED;
  PjValue* sp = *spp - 1;
  if (pj_set_add(sp[-oparg], sp[0]) != 0) return PJ_UOP_ERROR;
  *spp = sp;
  return PJ_UOP_NEXT;
}

PJ_UOP(DELETE_SUBSCR) {
  PJ_UNUSED;
  PjValue* sp = *spp - 2;
  if (pj_delete_subscript(sp[0], sp[1]) != 0) return PJ_UOP_ERROR;
  *spp = sp;
  return PJ_UOP_NEXT;
}

PJ_UOP(BUILD_STRING) {
  PJ_UNUSED;
  PjValue* sp = *spp - oparg;
  *sp = pj_build_string(sp, oparg);
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(FORMAT_VALUE) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue* value = sp - ((oparg & PJ_FORMAT_HAS_SPEC) ? 2 : 1);
  PjValue r = pj_format_value(*value, sp[-1], oparg);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  *value = r;
  *spp = value + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(LIST_APPEND) {
  PJ_UNUSED;
  PjValue* sp = *spp - 1;
  pj_list_append(sp[-oparg], *sp);
  *spp = sp;
  return PJ_UOP_NEXT;
}

PJ_UOP(UNPACK_SEQUENCE) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  if (pj_unpack_sequence(sp[-1], oparg, sp - 1) != 0) return PJ_UOP_ERROR;
  *spp = sp - 1 + oparg;
  return PJ_UOP_NEXT;
}

PJ_UOP(LOAD_ATTR) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue r = pj_load_attr(frame, sp[-1], oparg);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-1] = r;
  return PJ_UOP_NEXT;
}

PJ_UOP(GUARD_CALLEE_CODE) {
  PJ_UNUSED;
  PjValue callee = (*spp)[-oparg - 1];
  if (callee.tag != PJ_TAG_FUNCTION ||
      (uint64_t)(uintptr_t)((const PjFunctionHead*)callee.as.obj)->code != operand) {
    return PJ_UOP_EXIT;
  }
  /* Room for every frame an exit inside the inlined calls may rebuild:
   * near the recursion limit tier 1 makes the call and raises as CPython. */
  if (pj_frame_room() < PJ_MAX_INLINE_DEPTH) return PJ_UOP_EXIT;
  return PJ_UOP_NEXT;
}

PJ_UOP(GUARD_CALLEE_BUILTIN) {
  PJ_UNUSED;
  PjValue callee = (*spp)[-oparg - 1];
  if (callee.tag != PJ_TAG_BUILTIN || (uint64_t)(uintptr_t)callee.as.obj != operand) {
    return PJ_UOP_EXIT;
  }
  return PJ_UOP_NEXT;
}

PJ_UOP(CALL_LEN) {
  PJ_UNUSED;
  PjValue v = (*spp)[-1];
  int64_t n;
  if (v.tag == PJ_TAG_LIST) {
    n = pj_as_list(v)->size;
  } else if (v.tag == PJ_TAG_STR) {
    n = pj_as_str(v)->nchars;
  } else if (v.tag == PJ_TAG_TUPLE) {
    n = pj_as_tuple(v)->size;
  } else {
    return PJ_UOP_EXIT; /* tier 1 calls len() */
  }
  *spp -= 1;
  (*spp)[-1] = pj_int(n);
  return PJ_UOP_NEXT;
}

PJ_UOP(CALL_RANGE_ITER) {
  PJ_UNUSED;
  PjValue* args = *spp - oparg;
  int64_t v[3] = {0, 0, 1};
  if (oparg < 1 || oparg > 3) return PJ_UOP_EXIT;
  for (int k = 0; k < oparg; ++k) {
    if (args[k].tag != PJ_TAG_INT) return PJ_UOP_EXIT; /* tier 1 converts or raises */
    v[k] = args[k].as.i;
  }
  if (oparg == 1) {
    v[1] = v[0];
    v[0] = 0;
  }
  if (v[2] == 0) return PJ_UOP_EXIT; /* tier 1 raises ValueError */
  args[-1] = pj_range_iter(v[0], v[1], v[2]);
  *spp = args;
  return PJ_UOP_NEXT;
}

PJ_UOP(GUARD_MODULE_IS) {
  PJ_UNUSED;
  PjValue module = (*spp)[-oparg - 1];
  if (module.tag != PJ_TAG_MODULE || (uint64_t)(uintptr_t)module.as.obj != operand) {
    return PJ_UOP_EXIT;
  }
  return PJ_UOP_NEXT;
}

PJ_UOP(CALL_MATH_FLOAT) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  double x;
  if (!pj_fast_double(sp[-1], &x)) return PJ_UOP_EXIT; /* tier 1 converts or raises */
  /* A square root is one instruction (IEEE's, as libm's sqrt is: correctly
   * rounded, NaN below zero); sin and cos are libm's. */
  double r = oparg == PJ_MATH_SQRT ? _mm_cvtsd_f64(_mm_sqrt_pd(_mm_set_sd(x)))
                                   : pj_math_float(oparg, x);
  if (pj_math_domain_error(r, x)) return PJ_UOP_EXIT; /* tier 1 raises it */
  sp[-2] = pj_float(r);
  *spp = sp - 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(CALL_ABS) {
  PJ_UNUSED;
  PjValue v = (*spp)[-1];
  PjValue r;
  if (v.tag == PJ_TAG_INT && v.as.i != INT64_MIN) {
    r = pj_int(v.as.i < 0 ? -v.as.i : v.as.i);
  } else if (v.tag == PJ_TAG_FLOAT) {
    r = v; /* fabs by its sign bit: a libm call would be a stencil's symbol */
    r.as.bits &= ~(UINT64_C(1) << 63);
  } else {
    return PJ_UOP_EXIT; /* tier 1 calls abs(): a big int, a bool, an error */
  }
  *spp -= 1;
  (*spp)[-1] = r;
  return PJ_UOP_NEXT;
}

PJ_UOP(CALL) {
  PJ_UNUSED;
  PjValue* base = *spp - oparg - 1;
  PjValue r = pj_call(frame, base, oparg);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  *base = r;
  *spp = base + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(CALL_METHOD) {
  PJ_UNUSED;
  PjValue* base = *spp - oparg - 1;
  PjValue r = pj_call_method(frame, base, oparg, (int32_t)operand);
  if (r.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  *base = r;
  *spp = base + 1;
  return PJ_UOP_NEXT;
}

/* A branch's truth: a bool's or small int's inline (`while b:` on an int
 * is as common as on a comparison), the rest by the runtime's rule. */
static inline int pj_condition(PjValue v) {
  return v.tag == PJ_TAG_BOOL || v.tag == PJ_TAG_INT ? v.as.i != 0 : pj_truthy(v);
}

PJ_UOP(GUARD_TRUE_POP) {
  PJ_UNUSED;
  return pj_condition(*--(*spp)) ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(GUARD_FALSE_POP) {
  PJ_UNUSED;
  return pj_condition(*--(*spp)) ? PJ_UOP_EXIT : PJ_UOP_NEXT;
}

PJ_UOP(GET_ITER) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjValue it = pj_get_iter(sp[-1]);
  if (it.tag == PJ_TAG_ERROR) return PJ_UOP_ERROR;
  sp[-1] = it;
  return PJ_UOP_NEXT;
}

PJ_UOP(GUARD_ITER_RANGE) {
  PJ_UNUSED;
  return (*spp)[-1].tag == PJ_TAG_RANGE_ITER ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(ITER_NEXT_RANGE) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  if (!pj_fast_range_next((PjRangeIter*)sp[-1].as.obj, sp)) {
    *spp = sp - 1; /* exhausted: popped, as tier 1 leaves the loop */
    return PJ_UOP_EXIT;
  }
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(GUARD_ITER_LIST) {
  PJ_UNUSED;
  PjValue it = (*spp)[-1];
  if (it.tag != PJ_TAG_SEQ_ITER) return PJ_UOP_EXIT;
  const PjObject* seq = ((const PjSeqIter*)it.as.obj)->seq;
  return (seq != 0 && seq->kind == PJ_TAG_LIST) ? PJ_UOP_NEXT : PJ_UOP_EXIT;
}

PJ_UOP(ITER_NEXT_LIST) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  PjSeqIter* it = (PjSeqIter*)sp[-1].as.obj;
  const PjList* list = (const PjList*)it->seq;
  if (it->index >= list->size) {
    it->seq = 0;
    *spp = sp - 1;
    return PJ_UOP_EXIT;
  }
  pj_value_move(sp, &list->items[it->index++]);
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(FOR_ITER) {
  PJ_UNUSED;
  PjValue* sp = *spp;
  const int more = pj_iter_next(sp[-1], sp);
  if (more < 0) return PJ_UOP_ERROR;
  if (more == 0) {
    *spp = sp - 1;
    return PJ_UOP_EXIT;
  }
  *spp = sp + 1;
  return PJ_UOP_NEXT;
}

PJ_UOP(JUMP_TO_TOP) {
  PJ_UNUSED;
  /* The back edge is a safe point: tier 1 collects there, and the policy
   * looks at a trace there. */
  if (--pj_back_edges_until_ask != 0) return PJ_UOP_LOOP;
  return pj_leave_at_back_edge() ? PJ_UOP_EXIT : PJ_UOP_LOOP;
}

PJ_UOP(EXIT_TRACE) {
  PJ_UNUSED;
  return PJ_UOP_EXIT;
}

#undef PJ_UNUSED

#endif /* PYJIT_IR_UOP_BODIES_H_ */
