/* The six ordering comparisons, in the order of their numbers: CompareOp
 * kLt..kGe (runtime/code.h) and the oparg of COMPARE_INT and COMPARE_FLOAT.
 * The one place that says which number is which operator; every consumer
 * (the uop bodies, tier 1, the optimizer's folding, the operators' slow
 * paths, asmjit's condition codes, MIR's instructions) expands this list,
 * so they cannot disagree.
 *
 * X(NAME, C_OPERATOR, X86_INT_CC, X86_FLOAT_SWAP, X86_FLOAT_CC, MIR_SUFFIX):
 *   X86_INT_CC      asmjit's x86::CondCode::k<CC> after `cmp a, b` (signed);
 *   X86_FLOAT_SWAP  1 when the float form compares b with a: after ucomisd
 *                   an unordered pair (a NaN) sets CF, ZF and PF, so < and
 *                   <= are asked as > and >= of the swapped pair, which a
 *                   NaN makes false, as Python wants;
 *   X86_FLOAT_CC    the condition after that ucomisd (E and NE also need
 *                   PF, which the emitter tests on its own);
 *   MIR_SUFFIX      MIR_<S> / MIR_D<S> set a flag, MIR_B<S> / MIR_DB<S> branch.
 * Plain C: the uop bodies include it. */
#ifndef PYJIT_RUNTIME_ORDER_COMPARES_H_
#define PYJIT_RUNTIME_ORDER_COMPARES_H_

#include <stdint.h>

#define PJ_ORDER_COMPARES(X)   \
  X(Lt, <, L, 1, A, LT)        \
  X(Le, <=, LE, 1, AE, LE)     \
  X(Eq, ==, E, 0, E, EQ)       \
  X(Ne, !=, NE, 0, NE, NE)     \
  X(Gt, >, G, 0, A, GT)        \
  X(Ge, >=, GE, 0, AE, GE)

enum {
#define PJ_ORDER_ENUM(name, op, icc, swap, fcc, mir) PJ_ORDER_##name,
  PJ_ORDER_COMPARES(PJ_ORDER_ENUM)
#undef PJ_ORDER_ENUM
  PJ_ORDER_COUNT
};

/* a OP b for the comparison numbered `op`; false for any other number (the
 * verifier refuses such an oparg). A chain of ?:, not a switch: a switch
 * may become a jump table, data that a copy-and-patch stencil cannot hold. */
#define PJ_ORDER_TEST(name, op_token, icc, swap, fcc, mir) \
  op == PJ_ORDER_##name ? a op_token b:
static inline int pj_order_compare_i64(int64_t a, int64_t b, int32_t op) {
  return PJ_ORDER_COMPARES(PJ_ORDER_TEST) 0;
}
static inline int pj_order_compare_f64(double a, double b, int32_t op) {
  return PJ_ORDER_COMPARES(PJ_ORDER_TEST) 0;
}
#undef PJ_ORDER_TEST

#endif /* PYJIT_RUNTIME_ORDER_COMPARES_H_ */
