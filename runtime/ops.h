/* Python's operators over values: the slow paths that the tier-1
 * interpreter runs and that compiled uops call when their fast path does not
 * apply. Each returns a value, or pj_error() with the error pending. */
#ifndef PYJIT_RUNTIME_OPS_H_
#define PYJIT_RUNTIME_OPS_H_

#include <stdint.h>

#include "runtime/value.h"

#ifdef __cplusplus
extern "C" {
#endif

PjValue pj_binary_op(int32_t op, PjValue a, PjValue b);    /* a BinaryOp */
PjValue pj_unary_op(int32_t op, PjValue a);                /* a UnaryOp */
PjValue pj_compare_op(int32_t op, PjValue a, PjValue b);   /* a CompareOp */
/* 1 if true, 0 if false; never fails for Level-1 values. */
int pj_truthy(PjValue v);
PjValue pj_subscript(PjValue container, PjValue index);
/* Returns 0, or -1 with the error pending. */
int pj_store_subscript(PjValue container, PjValue index, PjValue value);
/* container[start:stop:step]; each bound may be None. */
PjValue pj_slice(PjValue container, PjValue start, PjValue stop, PjValue step);
PjValue pj_get_iter(PjValue iterable);
/* Advances an iterator: 1 and *out set, or 0 when exhausted. */
int pj_iter_next(PjValue iterator, PjValue* out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYJIT_RUNTIME_OPS_H_ */
