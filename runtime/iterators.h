// The iterators builtins make over other iterables: enumerate, zip and
// reversed (of a list, tuple or str; reversed(range) is a range iterator).
// They are lazy, as CPython's: each step takes the next item of what they
// wrap, so side effects happen in CPython's order.
#ifndef PYJIT_RUNTIME_ITERATORS_H_
#define PYJIT_RUNTIME_ITERATORS_H_

#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

// kSet: a set's own iterator (set.h), which shares the object kind.
enum class AdapterKind : int32_t { kEnumerate, kZip, kReversed, kMap, kFilter, kSet };

struct PjAdapterIter {
  PjObject head;
  AdapterKind kind;
  // enumerate, filter: the wrapped iterator; zip, map: a tuple of
  // iterators (None once exhausted); reversed: the list, tuple or str.
  PjValue source;
  // enumerate: the next count (an int, maybe big); reversed: the index of
  // the next item (a byte offset past it for a str), -1 once exhausted;
  // map, filter: the function (None: filter keeps what is true).
  PjValue count;
};

PjValue Enumerate(const CallArgs& call);
PjValue Zip(const CallArgs& call);
PjValue Reversed(const CallArgs& call);
PjValue NewAdapterIter(AdapterKind kind, PjValue source, PjValue count);
PjValue Map(const CallArgs& call);
PjValue Filter(const CallArgs& call);

// One step: 1 and *out, 0 at the end, -1 with an error raised.
int AdapterNext(PjAdapterIter* it, PjValue* out);

// "enumerate", "zip", "list_reverseiterator", "reversed".
const char* AdapterTypeName(const PjAdapterIter* it);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_ITERATORS_H_
