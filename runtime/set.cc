#include "runtime/set.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/iterators.h"
#include "runtime/ops.h"

namespace pyjit {
namespace {

// Objects/setobject.c's constants.
constexpr int64_t kMinSize = 8;
constexpr int64_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;

bool IsEmpty(const PjSetEntry& e) { return e.key.tag == PJ_TAG_UNBOUND && e.hash == 0; }
bool IsDeleted(const PjSetEntry& e) { return e.key.tag == PJ_TAG_UNBOUND && e.hash == -1; }
bool IsActive(const PjSetEntry& e) { return e.key.tag != PJ_TAG_UNBOUND; }

PjSetEntry* NewTable(int64_t slots) {
  auto* table = static_cast<PjSetEntry*>(std::calloc(static_cast<size_t>(slots), sizeof(PjSetEntry)));
  if (table == nullptr) throw std::bad_alloc();
  return table;  // all empty: unbound keys (tag 0) and hash 0
}

// set_insert_clean: into a table with no deleted slots and no equal key.
void InsertClean(PjSetEntry* table, uint64_t mask, PjValue key, int64_t hash) {
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = perturb & mask;
  for (;;) {
    PjSetEntry* entry = &table[i];
    if (IsEmpty(*entry)) {
      *entry = PjSetEntry{key, hash};
      return;
    }
    if (i + kLinearProbes <= mask) {
      for (int j = 0; j < kLinearProbes; ++j) {
        ++entry;
        if (IsEmpty(*entry)) {
          *entry = PjSetEntry{key, hash};
          return;
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// set_table_resize: the smallest power of two above `min_used`, the
// active entries reinserted in table order.
void Resize(PjSet* s, int64_t min_used) {
  int64_t size = kMinSize;
  while (size <= min_used) size <<= 1;
  PjSetEntry* old = s->table;
  const int64_t old_slots = s->mask + 1;
  PjSetEntry* table = NewTable(size);
  for (int64_t i = 0; i < old_slots; ++i) {
    if (IsActive(old[i])) InsertClean(table, static_cast<uint64_t>(size - 1), old[i].key, old[i].hash);
  }
  std::free(old);
  TheHeap().CountExternal((size - old_slots) * static_cast<int64_t>(sizeof(PjSetEntry)));
  s->table = table;
  s->mask = size - 1;
  s->fill = s->used;
}

bool KeysEqual(PjValue a, int64_t hash_a, const PjSetEntry& e, int* error) {
  if (e.hash != hash_a) return false;
  const int eq = pj_items_equal(e.key, a);
  if (eq < 0) *error = 1;
  return eq == 1;
}

// set_add_entry, with CPython's reuse of a deleted slot on the probe path
// (the last one it passed).
bool AddEntry(PjSet* s, PjValue key, int64_t hash) {
  const uint64_t mask = static_cast<uint64_t>(s->mask);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  PjSetEntry* freeslot = nullptr;
  int error = 0;
  for (;;) {
    PjSetEntry* entry = &s->table[i];
    int probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    do {
      if (IsEmpty(*entry)) {
        if (freeslot != nullptr) {
          ++s->used;
          *freeslot = PjSetEntry{key, hash};
          return true;
        }
        ++s->fill;
        ++s->used;
        *entry = PjSetEntry{key, hash};
        if (s->fill * 5 < s->mask * 3) return true;
        Resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
        return true;
      }
      if (IsActive(*entry)) {
        if (KeysEqual(key, hash, *entry, &error)) return true;
        if (error) return false;
      } else {
        freeslot = entry;  // the last deleted slot on the path, as CPython's
      }
      ++entry;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// The active slot holding `key`, or null; *error when comparing raised.
PjSetEntry* Lookup(const PjSet* s, PjValue key, int64_t hash, int* error) {
  const uint64_t mask = static_cast<uint64_t>(s->mask);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  for (;;) {
    PjSetEntry* entry = &s->table[i];
    int probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    do {
      if (IsEmpty(*entry)) return nullptr;
      if (IsActive(*entry) && KeysEqual(key, hash, *entry, error)) return entry;
      if (*error) return nullptr;
      ++entry;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// set_discard_entry: 1 removed, 0 absent, -1 raised.
int Discard(PjSet* s, PjValue key, int64_t hash) {
  int error = 0;
  PjSetEntry* entry = Lookup(s, key, hash, &error);
  if (error) return -1;
  if (entry == nullptr) return 0;
  *entry = PjSetEntry{pj_unbound(), -1};
  --s->used;
  return 1;
}

int Contains(const PjSet* s, PjValue key, int64_t hash) {
  int error = 0;
  PjSetEntry* entry = Lookup(s, key, hash, &error);
  return error ? -1 : entry != nullptr;
}

// set_merge: `other`'s entries into `s`, as CPython's (one resize first;
// into an empty set, the table copied or reinserted cleanly).
bool Merge(PjSet* s, const PjSet* other) {
  if (s == other || other->used == 0) return true;
  if ((s->fill + other->used) * 5 >= s->mask * 3) Resize(s, (s->used + other->used) * 2);
  if (s->fill == 0 && s->mask == other->mask && other->fill == other->used) {
    std::memcpy(s->table, other->table, sizeof(PjSetEntry) * static_cast<size_t>(other->mask + 1));
    s->fill = other->fill;
    s->used = other->used;
    return true;
  }
  if (s->fill == 0) {
    s->fill = s->used = other->used;
    for (int64_t i = 0; i <= other->mask; ++i) {
      const PjSetEntry& e = other->table[i];
      if (IsActive(e)) InsertClean(s->table, static_cast<uint64_t>(s->mask), e.key, e.hash);
    }
    return true;
  }
  for (int64_t i = 0; i <= other->mask; ++i) {
    const PjSetEntry& e = other->table[i];
    if (IsActive(e) && !AddEntry(s, e.key, e.hash)) return false;
  }
  return true;
}

PjValue SetValue(PjSet* s) { return pj_object(PJ_TAG_SET, &s->head); }

PjSet* Copy(const PjSet* s) {
  PjSet* copy = NewSet();
  Merge(copy, s);  // no comparisons: cannot fail
  return copy;
}

// set_update_internal for any iterable: each item added in order.
bool Update(PjSet* s, PjValue iterable) {
  if (iterable.tag == PJ_TAG_SET) return Merge(s, AsSet(iterable));
  PjValue it = pj_get_iter(iterable);
  if (IsError(it)) return false;
  PjValue item;
  int more;
  while ((more = pj_iter_next(it, &item)) > 0) {
    if (!SetAdd(s, item)) return false;
  }
  return more == 0;
}

// `s` takes `from`'s table (set_intersection_update's swap of bodies).
void TakeTable(PjSet* s, PjSet* from) {
  std::swap(s->table, from->table);
  std::swap(s->mask, from->mask);
  std::swap(s->fill, from->fill);
  std::swap(s->used, from->used);
}

// An empty table of the smallest size, for a new set and a cleared one.
void SetSmallestTable(PjSet* s) {
  s->table = NewTable(kMinSize);
  s->mask = kMinSize - 1;
  s->fill = s->used = 0;
}

// set_clear_internal: back to the smallest table.
void Clear(PjSet* s) {
  std::free(s->table);
  TheHeap().CountExternal((kMinSize - (s->mask + 1)) * static_cast<int64_t>(sizeof(PjSetEntry)));
  SetSmallestTable(s);
}

// set_intersection: the smaller set's items, in its order, that the
// larger has.
PjSet* Intersection(const PjSet* a, const PjSet* b) {
  if (a == b) return Copy(a);
  if (b->used > a->used) std::swap(a, b);  // b: the smaller
  PjSet* result = NewSet();
  for (int64_t i = 0; i <= b->mask; ++i) {
    const PjSetEntry& e = b->table[i];
    if (!IsActive(e)) continue;
    const int in = Contains(a, e.key, e.hash);
    if (in < 0) return nullptr;
    if (in && !AddEntry(result, e.key, e.hash)) return nullptr;
  }
  return result;
}

// set_difference_update_internal: `other`'s items discarded from `s`,
// then the deleted slots resized away when they are more than a quarter.
bool DifferenceUpdate(PjSet* s, const PjSet* other) {
  if (s == other) {
    Clear(s);
    return true;
  }
  for (int64_t i = 0; i <= other->mask; ++i) {
    const PjSetEntry& e = other->table[i];
    if (IsActive(e) && Discard(s, e.key, e.hash) < 0) return false;
  }
  if (s->fill - s->used > s->mask / 4) Resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
  return true;
}

// set_difference: a copy of `a` with `b`'s items discarded when `a` is
// much larger, else `a`'s items `b` lacks, added in `a`'s order.
PjSet* Difference(const PjSet* a, const PjSet* b) {
  if ((a->used >> 2) > b->used) {
    PjSet* result = Copy(a);
    return DifferenceUpdate(result, b) ? result : nullptr;
  }
  PjSet* result = NewSet();
  for (int64_t i = 0; i <= a->mask; ++i) {
    const PjSetEntry& e = a->table[i];
    if (!IsActive(e)) continue;
    const int in = Contains(b, e.key, e.hash);
    if (in < 0) return nullptr;
    if (!in && !AddEntry(result, e.key, e.hash)) return nullptr;
  }
  return result;
}

// set_symmetric_difference_update(s, other): each of other's items
// removed from s when there, added when not.
bool SymmetricUpdate(PjSet* s, const PjSet* other) {
  if (s == other) {
    Clear(s);
    return true;
  }
  for (int64_t i = 0; i <= other->mask; ++i) {
    const PjSetEntry& e = other->table[i];
    if (!IsActive(e)) continue;
    const int removed = Discard(s, e.key, e.hash);
    if (removed < 0) return false;
    if (!removed && !AddEntry(s, e.key, e.hash)) return false;
  }
  return true;
}


bool Subset(const PjSet* a, const PjSet* b, int* error) {
  if (a->used > b->used) return false;
  for (int64_t i = 0; i <= a->mask; ++i) {
    const PjSetEntry& e = a->table[i];
    if (!IsActive(e)) continue;
    const int in = Contains(b, e.key, e.hash);
    if (in < 0) {
      *error = 1;
      return false;
    }
    if (!in) return false;
  }
  return true;
}

// ---- methods ----

PjValue SetAddMethod(PjValue self, const CallArgs& call) {
  if (!ExactArgCount("set.add", call, 1)) return pj_error();
  return SetAdd(AsSet(self), call.args[0]) ? pj_none() : pj_error();
}

PjValue SetDiscardOrRemove(PjValue self, const CallArgs& call, bool remove) {
  if (!ExactArgCount(remove ? "set.remove" : "set.discard", call, 1)) return pj_error();
  int64_t hash;
  if (!Hash(call.args[0], &hash)) return pj_error();
  const int removed = Discard(AsSet(self), call.args[0], hash);
  if (removed < 0) return pj_error();
  if (!removed && remove) return RaiseKeyError(call.args[0]);
  return pj_none();
}
PjValue SetDiscardMethod(PjValue self, const CallArgs& call) {
  return SetDiscardOrRemove(self, call, false);
}
PjValue SetRemoveMethod(PjValue self, const CallArgs& call) {
  return SetDiscardOrRemove(self, call, true);
}

PjValue SetCopyMethod(PjValue self, const CallArgs& call) {
  if (!ExactArgCount("set.copy", call, 0)) return pj_error();
  return SetValue(Copy(AsSet(self)));
}

PjValue SetClearMethod(PjValue self, const CallArgs& call) {
  if (!ExactArgCount("set.clear", call, 0)) return pj_error();
  Clear(AsSet(self));
  return pj_none();
}

}  // namespace

PjSet* NewSet() {
  auto* s = reinterpret_cast<PjSet*>(TheHeap().Allocate(
      PJ_TAG_SET, sizeof(PjSet), Heap::Lifetime::kCollected, sizeof(PjSetEntry) * kMinSize));
  SetSmallestTable(s);
  return s;
}

bool SetAdd(PjSet* s, PjValue item) {
  int64_t hash;
  if (!Hash(item, &hash)) return false;
  return AddEntry(s, item, hash);
}

int SetContains(PjSet* s, PjValue item) {
  int64_t hash;
  if (!Hash(item, &hash)) return -1;
  return Contains(s, item, hash);
}

PjValue SetBuiltin(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "set() takes no keyword arguments");
  if (call.nargs > 1) {
    return RaiseF(ExcKind::kTypeError, "set expected at most 1 argument, got %d", call.nargs);
  }
  PjSet* s = NewSet();
  if (call.nargs == 1 && !Update(s, call.args[0])) return pj_error();
  return SetValue(s);
}

bool SetBinaryOp(BinaryOp op, bool inplace, PjValue a, PjValue b, PjValue* out) {
  if (a.tag != PJ_TAG_SET || b.tag != PJ_TAG_SET) return false;
  PjSet* x = AsSet(a);
  const PjSet* y = AsSet(b);
  PjSet* result = nullptr;
  switch (op) {
    case BinaryOp::kOr:
      result = inplace ? x : Copy(x);
      if (x != y && !Merge(result, y)) result = nullptr;  // set_or: a | a is a copy
      break;
    case BinaryOp::kAnd:
      result = Intersection(x, y);
      if (result != nullptr && inplace) {
        TakeTable(x, result);
        result = x;
      }
      break;
    case BinaryOp::kSub:
      if (inplace) {
        result = DifferenceUpdate(x, y) ? x : nullptr;
      } else {
        result = Difference(x, y);
      }
      break;
    case BinaryOp::kXor:
      // set_symmetric_difference: a copy of the right operand updated by
      // the left (in place: the left updated by the right).
      result = inplace ? x : Copy(y);
      if (!SymmetricUpdate(result, inplace ? y : x)) result = nullptr;
      break;
    default:
      return false;
  }
  *out = result == nullptr ? pj_error() : SetValue(result);
  return true;
}

int SetCompare(CompareOp op, PjSet* a, PjSet* b) {
  int error = 0;
  bool r = false;
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNe:
      r = a->used == b->used && Subset(a, b, &error);
      if (op == CompareOp::kNe) r = !r;
      break;
    case CompareOp::kLe: r = Subset(a, b, &error); break;
    case CompareOp::kLt: r = a->used < b->used && Subset(a, b, &error); break;
    case CompareOp::kGe: r = Subset(b, a, &error); break;
    case CompareOp::kGt: r = b->used < a->used && Subset(b, a, &error); break;
    default: break;
  }
  return error ? -1 : r;
}

PjValue NewSetIter(PjValue set) {
  // The position packs the next slot (low 32 bits) and len() when the
  // iteration began (high 32 bits), as CPython's setiterobject keeps both.
  return NewAdapterIter(AdapterKind::kSet, set, pj_int(AsSet(set)->used << 32));
}

int SetIterNext(PjValue set, PjValue* position, PjValue* out) {
  const PjSet* s = AsSet(set);
  if (position->as.i < 0) return 0;  // exhausted
  int64_t pos = position->as.i & 0xffffffff;
  const int64_t used_at_start = position->as.i >> 32;
  if (s->used != used_at_start) {
    *position = pj_int(-1);
    Raise(ExcKind::kRuntimeError, "Set changed size during iteration");
    return -1;
  }
  while (pos <= s->mask && !IsActive(s->table[pos])) ++pos;
  if (pos > s->mask) {
    *position = pj_int(-1);
    return 0;
  }
  *out = s->table[pos].key;
  *position = pj_int((used_at_start << 32) | (pos + 1));
  return 1;
}

const MethodEntry* FindSetMethod(std::string_view name) {
  static const MethodEntry kMethods[] = {
      {"add", SetAddMethod},       {"discard", SetDiscardMethod}, {"remove", SetRemoveMethod},
      {"copy", SetCopyMethod},     {"clear", SetClearMethod},
  };
  for (const MethodEntry& m : kMethods) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

}  // namespace pyjit
