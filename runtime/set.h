// set: CPython's hash table for sets (Objects/setobject.c), followed step
// for step, because its iteration order is observable: a set prints in
// table order, which for small ints depends on the table's size, on linear
// probing, on deleted entries and on how each operation builds its result.
// With CPython's int hashes (dict.h's Hash), a set of ints prints exactly
// as CPython's; strs hash differently, so sets of strs print in another
// order (LANGUAGE.md: print those sorted).
#ifndef PYJIT_RUNTIME_SET_H_
#define PYJIT_RUNTIME_SET_H_

#include <cstdint>
#include <string_view>

#include "runtime/builtins.h"
#include "runtime/code.h"
#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

// A slot: empty (key unbound, hash 0), deleted (key unbound, hash -1) or
// active.
struct PjSetEntry {
  PjValue key;
  int64_t hash;
};

struct PjSet {  // PJ_TAG_SET
  PjObject head;
  int64_t fill;  // active and deleted slots
  int64_t used;  // active slots: len()
  int64_t mask;  // slots - 1; the table has at least 8
  PjSetEntry* table;  // malloc'ed
};

inline PjSet* AsSet(PjValue v) { return reinterpret_cast<PjSet*>(v.as.obj); }

PjSet* NewSet();
// set.add: false with an error raised (an unhashable item).
bool SetAdd(PjSet* s, PjValue item);
// 1, 0, or -1 with an error raised.
int SetContains(PjSet* s, PjValue item);

// set(), set(iterable).
PjValue SetBuiltin(const CallArgs& call);
// a | b, a & b, a - b, a ^ b of two sets (`inplace`: a |= b... updates a);
// false when `op` is not one of them or the operands are not both sets.
bool SetBinaryOp(BinaryOp op, bool inplace, PjValue a, PjValue b, PjValue* out);
// ==, !=, <=, <, >=, > of two sets (subsets): 1, 0, or -1 raised.
int SetCompare(CompareOp op, PjSet* a, PjSet* b);

// An iterator in table order (iterators.h's kind kSet), and its step:
// 1 and *out, 0 at the end, -1 with RuntimeError when the set changed
// size meanwhile.
PjValue NewSetIter(PjValue set);
int SetIterNext(PjValue set, PjValue* position, PjValue* out);

// set's methods, or null.
const MethodEntry* FindSetMethod(std::string_view name);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_SET_H_
