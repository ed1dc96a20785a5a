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
/* How containers compare an item (==, in, index, count, remove): `a is b
 * or a == b`, so that a NaN equals itself there. 1, 0, or -1 with the
 * error pending. */
int pj_items_equal(PjValue a, PjValue b);
PjValue pj_subscript(PjValue container, PjValue index);
/* Returns 0, or -1 with the error pending. */
int pj_store_subscript(PjValue container, PjValue index, PjValue value);
/* container[start:stop:step]; each bound may be None. */
PjValue pj_slice(PjValue container, PjValue start, PjValue stop, PjValue step);
PjValue pj_get_iter(PjValue iterable);
/* Advances an iterator: 1 and *out set, 0 when exhausted, or -1 with the
 * error pending (a dict that changed size under its iterator). */
int pj_iter_next(PjValue iterator, PjValue* out);

/* Containers from the n values at items[0..n). */
PjValue pj_build_list(const PjValue* items, int32_t n);
PjValue pj_build_tuple(const PjValue* items, int32_t n);
void pj_list_append(PjValue list, PjValue item);
/* An f-string's pieces. FORMAT_VALUE's oparg: the conversion applied
 * first, and whether a spec (a str) is on the stack above the value. */
typedef enum {
  PJ_FORMAT_NONE = 0, PJ_FORMAT_STR = 1, PJ_FORMAT_REPR = 2, PJ_FORMAT_ASCII = 3,
  PJ_FORMAT_CONVERSION = 3, /* the mask of the above */
  PJ_FORMAT_HAS_SPEC = 4
} PjFormatFlags;
/* format(conversion(value), spec): a str, or the error marker. `spec` is
 * read only with PJ_FORMAT_HAS_SPEC. */
PjValue pj_format_value(PjValue value, PjValue spec, int32_t flags);
/* A dict of the n key-value pairs at items[0..2n) (key, value, key...);
 * the error marker for an unhashable key. */
PjValue pj_build_map(const PjValue* items, int32_t n);
/* dict[key] = value (MAP_ADD, and d[key] = value of a dict); 0, or -1
 * with the error pending. */
int pj_map_add(PjValue dict, PjValue key, PjValue value);
/* d[key] of a dict: what pj_subscript does for one, without asking what
 * the container is. */
PjValue pj_dict_subscript(PjValue dict, PjValue key);
/* {a, b, ...}: a set of n items; the error marker when one is unhashable. */
PjValue pj_build_set(const PjValue* items, int32_t n);
/* set.add(item) for a set comprehension: 0, or -1 with the error raised. */
int pj_set_add(PjValue set, PjValue item);
/* del container[index]; 0, or -1 with the error pending. */
int pj_delete_subscript(PjValue container, PjValue index);
/* The n strs at items[0..n) joined. */
PjValue pj_build_string(const PjValue* items, int32_t n);
/* Writes seq's n items to out[0..n) in reverse (the last item first, as the
 * stack wants them). Returns 0, or -1 with the error pending. */
int pj_unpack_sequence(PjValue seq, int32_t n, PjValue* out);

/* Calls, attribute reads and collection, which need the running interpreter
 * (implemented in interpreter.cc). `frame` is the caller: its pc must be the
 * calling instruction's, for tracebacks. */
/* callee_and_args[0] is the callee, then nargs positional arguments; the
 * caller's stack ends below the callee during the call. */
PjValue pj_call(PjFrame* frame, PjValue* callee_and_args, int32_t nargs);
/* self_and_args[0].<names[name_index]>(nargs arguments) */
PjValue pj_call_method(PjFrame* frame, PjValue* self_and_args, int32_t nargs,
                       int32_t name_index);
PjValue pj_load_attr(PjFrame* frame, PjValue obj, int32_t name_index);
/* The math functions CALL_MATH_FLOAT computes (its oparg), by their libm
 * function: the result, NaN for a domain error as libm gives it. */
typedef enum { PJ_MATH_SQRT, PJ_MATH_SIN, PJ_MATH_COS, PJ_MATH_COUNT } PjMathFunction;
double pj_math_float(int32_t function, double x);
/* iter(range(start, stop, step)) without the range, for step != 0; its
 * length is computed as the range's would be. */
PjValue pj_range_iter(int64_t start, int64_t stop, int64_t step);
/* How many more frames may be pushed before the recursion limit: an
 * inlined call checks that its frame could exist. */
int pj_frame_room(void);
/* Asked by compiled code at a back edge: 1 when the trace should leave
 * there for tier 1, because the collector wants to run (tier 1 collects at
 * the back edge) or a tiering policy asked to look (ScopedBackEdgeLooks). */
int pj_leave_at_back_edge(void);
/* Back edges compiled code may take before it must ask: it decrements this
 * at each one, inline, and calls pj_leave_at_back_edge only when it
 * reaches zero. The heap sets it to 1 when a collection becomes due;
 * while a policy wants looks (ScopedBackEdgeLooks) it counts down to the
 * next look; otherwise it is too large to reach zero. */
extern uint64_t pj_back_edges_until_ask;

#ifdef __cplusplus
} /* extern "C" */
#endif

/* Every entry point above that uop bodies call: for a backend that links
 * the bodies itself (llvm), so that a new one cannot be left out there. */
#define PJ_RUNTIME_ENTRY_POINTS(X)                                                   \
  X(pj_binary_op) X(pj_unary_op) X(pj_compare_op) X(pj_truthy) X(pj_items_equal)     \
  X(pj_subscript) X(pj_store_subscript) X(pj_slice) X(pj_get_iter) X(pj_iter_next)   \
  X(pj_build_list) X(pj_build_tuple) X(pj_list_append) X(pj_unpack_sequence)         \
  X(pj_format_value) X(pj_build_string) X(pj_build_map) X(pj_map_add)                 \
  X(pj_build_set) X(pj_set_add) X(pj_dict_subscript)      \
  X(pj_delete_subscript)                                                             \
  X(pj_call) X(pj_call_method) X(pj_load_attr) X(pj_frame_room) X(pj_leave_at_back_edge) \
  X(pj_math_float) X(pj_range_iter)

#endif /* PYJIT_RUNTIME_OPS_H_ */
