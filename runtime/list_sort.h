// list.sort() as CPython 3.11 sorts: the same timsort (runs, binary
// insertion below minrun, powersort's merge order, galloping), asking `<`
// in the same order. Only that makes the result of a comparison that is
// not a total order (a list holding NaNs) the same as CPython's.
#ifndef PYJIT_RUNTIME_LIST_SORT_H_
#define PYJIT_RUNTIME_LIST_SORT_H_

#include <cstdint>

#include "runtime/value.h"

namespace pyjit {

// a < b: 1, 0, or -1 with an error pending.
using LessThan = int (*)(PjValue a, PjValue b);

// Sorts items[0..n) stably. On an error from `less` it stops, leaving the
// items in some order (as CPython does), and returns false.
bool TimSort(PjValue* items, int64_t n, LessThan less);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_LIST_SORT_H_
