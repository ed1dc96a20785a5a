/* The value and frame layout shared by the runtime and every backend.
 *
 * Plain C on purpose: the uop bodies that later backends compile (clang-19
 * stencils, LLVM bitcode, MIR's c2m) include this header, so it may not use
 * C++. Everything a compiled trace touches without calling the runtime is
 * declared here, at fixed offsets.
 */
#ifndef PYJIT_RUNTIME_VALUE_H_
#define PYJIT_RUNTIME_VALUE_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A value is a tag word and a payload word. Ints, floats, bools and None
 * live in the payload unboxed; every other tag means the payload points to a
 * heap object whose header repeats the kind (the collector needs it). */
typedef enum PjTag {
  PJ_TAG_UNBOUND = 0, /* an unassigned local or global slot */
  PJ_TAG_NONE = 1,
  PJ_TAG_BOOL = 2,
  PJ_TAG_INT = 3,   /* 64-bit small int; overflow leaves the fast path */
  PJ_TAG_FLOAT = 4,
  /* Returned in place of a value by a runtime call that raised: the error
   * itself is pending in the runtime (see errors.h). Never stored. */
  PJ_TAG_ERROR = 7,
  PJ_TAG_FIRST_HEAP = 8,
  PJ_TAG_STR = 8,
  PJ_TAG_LIST = 9,
  PJ_TAG_TUPLE = 10,
  PJ_TAG_RANGE = 11,
  PJ_TAG_FUNCTION = 12,
  PJ_TAG_BUILTIN = 13,
  PJ_TAG_MODULE = 14,
  PJ_TAG_RANGE_ITER = 15,
  PJ_TAG_SEQ_ITER = 16, /* iterator over a list or tuple */
  PJ_TAG_BOUND_METHOD = 17,
  PJ_TAG_BIGINT = 18, /* an int beyond 64 bits (runtime/bigint.h) */
  PJ_TAG_DICT = 19,   /* runtime/dict.h */
  PJ_TAG_DICT_VIEW = 20,
  PJ_TAG_DICT_ITER = 21,
  PJ_TAG_ADAPTER_ITER = 22, /* enumerate, zip, reversed (runtime/iterators.h) */
  PJ_TAG_EXC_CLASS = 23,    /* a builtin exception class (runtime/exceptions.h) */
  PJ_TAG_EXCEPTION = 24,    /* an exception object */
  PJ_TAG_CELL = 25,         /* a closure's variable (runtime/function.h) */
  PJ_TAG_GENERATOR = 26,    /* runtime/function.h */
  PJ_TAG_SET = 27,          /* runtime/set.h */
  PJ_TAG_COUNT = 28
} PjTag;

struct PjObject;

typedef struct PjValue {
  uint64_t tag;
  union {
    int64_t i; /* PJ_TAG_INT, PJ_TAG_BOOL (0 or 1) */
    double f;  /* PJ_TAG_FLOAT */
    struct PjObject* obj;
    uint64_t bits;
  } as;
} PjValue;

/* Every heap object starts with this header. The collector threads all
 * objects on one list and marks them; it never moves them. */
typedef struct PjObject {
  uint32_t kind; /* a PjTag */
  uint16_t marked;
  uint16_t block_class; /* the heap's: its BlockClass, 0 if malloc's */
  struct PjObject* gc_next;
} PjObject;

/* A frame: locals first, then the value stack, in one array of slots. The
 * offset of local i and of stack depth d are therefore known statically:
 * slots[i] and slots[code->nlocals + d]. */
typedef struct PjFrame {
  struct PjFrame* back;
  const void* code;  /* the runtime's CodeObject */
  PjValue* globals;  /* the module's global slots */
  int32_t pc;        /* index of the instruction to resume at */
  int32_t stack_depth; /* valid when the frame is not running */
  int32_t nslots;
  int32_t reserved;
  PjValue slots[];
} PjFrame;

/* Copies a value as two 8-byte moves, never one 16-byte move. A uop that
 * has just written only a payload (`sp[-1].as.f = ...`) or a value as two
 * 8-byte stores leaves those stores in flight, and x86 cannot forward them
 * to a 16-byte load that spans both: the next uop's copy of that value
 * would wait for them to reach the cache. 8-byte loads are forwarded from
 * 8- and 16-byte stores alike. Compilers merge the two moves back into one
 * unless their SLP vectorizer is off for the uop bodies (see the stencils'
 * BUILD). */
static inline void pj_value_move(PjValue* dst, const PjValue* src) {
  uint64_t tag = src->tag, bits = src->as.bits;
  dst->tag = tag;
  dst->as.bits = bits;
}

static inline PjValue pj_int(int64_t i) {
  PjValue v;
  v.tag = PJ_TAG_INT;
  v.as.i = i;
  return v;
}

static inline PjValue pj_float(double f) {
  PjValue v;
  v.tag = PJ_TAG_FLOAT;
  v.as.f = f;
  return v;
}

static inline PjValue pj_bool(int b) {
  PjValue v;
  v.tag = PJ_TAG_BOOL;
  v.as.i = b ? 1 : 0;
  return v;
}

static inline PjValue pj_none(void) {
  PjValue v;
  v.tag = PJ_TAG_NONE;
  v.as.i = 0;
  return v;
}

static inline PjValue pj_unbound(void) {
  PjValue v;
  v.tag = PJ_TAG_UNBOUND;
  v.as.i = 0;
  return v;
}

static inline PjValue pj_object(uint64_t tag, PjObject* obj) {
  PjValue v;
  v.tag = tag;
  v.as.obj = obj;
  return v;
}

static inline PjValue pj_error(void) {
  PjValue v;
  v.tag = PJ_TAG_ERROR;
  v.as.i = 0;
  return v;
}

static inline int pj_is_heap(PjValue v) { return v.tag >= PJ_TAG_FIRST_HEAP; }

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYJIT_RUNTIME_VALUE_H_ */
