// dict: a compact, insertion-ordered hash table in the style of CPython's
// (Objects/dictobject.c): entries in insertion order, and a separate index
// table of positions into them, probed with CPython's perturbation. Only
// the order of the entries is observable, and it is CPython's. Hashes are
// CPython's for ints, floats, bools and tuples (so `hash()` prints what it
// prints); strs hash by their bytes (CPython randomizes them per process).
//
// Also the views (`keys()`, `values()`, `items()`) and the iterator both
// dicts and views give.
#ifndef PYJIT_RUNTIME_DICT_H_
#define PYJIT_RUNTIME_DICT_H_

#include <cstdint>
#include <string_view>

#include "runtime/builtins.h"
#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

struct PjDictEntry {
  int64_t hash;
  PjValue key;  // PJ_TAG_UNBOUND: deleted
  PjValue value;
};

struct PjDict {
  PjObject head;
  int64_t used;      // live entries: len()
  int64_t nentries;  // entries written, deleted ones included
  int64_t capacity;  // of `entries`
  int64_t nindices;  // a power of two, or 0 while empty
  int64_t* indices;  // malloc'ed: -1 empty, -2 deleted, else an entry's index
  PjDictEntry* entries;  // malloc'ed
  // Changes whenever a key is added or removed, so that an iterator sees
  // the dict change size under it, as CPython reports.
  uint64_t version;
};

enum class DictViewKind : int32_t { kKeys, kValues, kItems };

struct PjDictView {
  PjObject head;
  PjDict* dict;
  DictViewKind kind;
};

struct PjDictIter {
  PjObject head;
  PjDict* dict;  // null once exhausted
  DictViewKind kind;
  int64_t next;  // entry index
  int64_t used_at_start;
};

inline PjDict* AsDict(PjValue v) { return reinterpret_cast<PjDict*>(v.as.obj); }

PjDict* NewDict();

// hash(v): false with CPython's TypeError for an unhashable value.
bool Hash(PjValue v, int64_t* out);

// d[key]: true and *out set, false when absent; false with an error raised
// when the key is unhashable or comparing it raised (check CurrentError()).
bool DictGet(PjDict* d, PjValue key, PjValue* out);
// d[key] = value; false with an error raised.
bool DictSet(PjDict* d, PjValue key, PjValue value);
// del d[key] / d.pop(key): 1 and *out the value, 0 when absent, -1 raised.
int DictPop(PjDict* d, PjValue key, PjValue* out);
// 1, 0, or -1 with an error raised.
int DictContains(PjDict* d, PjValue key);

// The KeyError CPython raises for `key`.
PjValue RaiseKeyError(PjValue key);

// dict(...) and the views and iterators of dicts.
PjValue DictBuiltin(const CallArgs& call);
PjValue NewDictView(PjValue dict, DictViewKind kind);
PjValue NewDictIter(PjDict* d, DictViewKind kind);
// Advances a dict or view iterator: 1 and *out, 0 when exhausted, -1 raised
// (the dict changed size).
int DictIterNext(PjDictIter* it, PjValue* out);

// dict's methods, or null.
const MethodEntry* FindDictMethod(std::string_view name);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_DICT_H_
