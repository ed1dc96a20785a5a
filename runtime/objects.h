/* Layouts of the heap objects that compiled code may read directly (strings,
 * lists, tuples, ranges and their iterators). Plain C for the same reason as
 * value.h. Objects that only the C++ runtime reads live in function.h. */
#ifndef PYJIT_RUNTIME_OBJECTS_H_
#define PYJIT_RUNTIME_OBJECTS_H_

#include <stdint.h>
#include <string.h>

#include "runtime/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes that strings made by repeated `s = s + t` share, so that building
 * a string by appending is linear, as in CPython (which resizes a string in
 * place when nothing else refers to it). Each string sharing the buffer
 * reads a prefix of it, `used` bytes are taken, and a concatenation whose
 * left operand ends at `used` writes the right operand after it instead of
 * copying both: no string already made can see the change. Freed when the
 * last string using it is swept. */
typedef struct PjStrBuffer {
  int64_t refs;
  int64_t used;
  int64_t capacity;
  char bytes[];
} PjStrBuffer;

/* Immutable UTF-8 text: `nbytes` bytes at `data`, which points just past
 * the header (NUL-terminated there) or into a shared `buffer` (not
 * terminated: always read `nbytes`). */
typedef struct PjStr {
  PjObject head;
  int64_t nbytes;
  int64_t nchars; /* code points: what len() returns */
  int64_t hash;   /* -1 until first hashed (a hash is never -1), then kept */
  char* data;
  PjStrBuffer* buffer; /* NULL when the bytes follow the header */
  char inline_data[];
} PjStr;

typedef struct PjList {
  PjObject head;
  int64_t size;
  int64_t capacity;
  PjValue* items; /* malloc'ed; owned by the list */
} PjList;

typedef struct PjTuple {
  PjObject head;
  int64_t size;
  PjValue items[];
} PjTuple;

typedef struct PjRange {
  PjObject head;
  int64_t start;
  int64_t stop;
  int64_t step;
} PjRange;

/* Iteration state of `for x in range(...)`: `remaining` counts down so that
 * the loop test is the same for positive and negative steps. */
typedef struct PjRangeIter {
  PjObject head;
  int64_t next;
  int64_t step;
  int64_t remaining;
} PjRangeIter;

/* Iteration over a list (which may grow while iterated) or a tuple. */
typedef struct PjSeqIter {
  PjObject head;
  PjObject* seq; /* NULL once exhausted */
  int64_t index;
} PjSeqIter;

/* The start of a function (function.h's PjFunction, which checks that the
 * two agree): enough for compiled code to tell which code a function runs. */
typedef struct PjFunctionHead {
  PjObject head;
  const void* code; /* its CodeObject */
} PjFunctionHead;

static inline PjStr* pj_as_str(PjValue v) { return (PjStr*)v.as.obj; }
static inline PjList* pj_as_list(PjValue v) { return (PjList*)v.as.obj; }
static inline PjTuple* pj_as_tuple(PjValue v) { return (PjTuple*)v.as.obj; }

/* Copies n values. An empty list or tuple has no items array, and memcpy
 * with a null pointer is undefined even for 0 bytes (found by UBSan). */
static inline void pj_copy_values(PjValue* to, const PjValue* from, int64_t n) {
  if (n > 0) memcpy(to, from, sizeof(PjValue) * (size_t)n);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYJIT_RUNTIME_OBJECTS_H_ */
