#include "runtime/dict.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/exceptions.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/ops.h"

namespace pyjit {
namespace {

constexpr int64_t kEmpty = -1;
constexpr int64_t kDeleted = -2;

// CPython's _PyHASH_MODULUS and friends (Include/cpython/pyhash.h).
constexpr int kHashBits = 61;
constexpr uint64_t kHashModulus = (uint64_t{1} << kHashBits) - 1;
constexpr int64_t kHashInf = 314159;

int64_t FixMinusOne(int64_t h) { return h == -1 ? -2 : h; }

int64_t HashInt(PjValue v) {
  if (!IsBigInt(v)) {
    const int64_t i = v.as.i;
    const uint64_t magnitude = i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
    const int64_t h = static_cast<int64_t>(magnitude % kHashModulus);
    return FixMinusOne(i < 0 ? -h : h);
  }
  mpz_t m, q;
  mpz_init_set_ui(m, 1);
  mpz_mul_2exp(m, m, kHashBits);
  mpz_sub_ui(m, m, 1);
  mpz_init(q);
  mpz_tdiv_r(q, AsBigInt(v)->value, m);  // keeps the dividend's sign, as CPython's
  const int64_t h = mpz_get_si(q);
  mpz_clear(q);
  mpz_clear(m);
  return FixMinusOne(h);
}

// CPython's _Py_HashDouble, for a non-NaN double.
int64_t HashDouble(double v) {
  if (std::isinf(v)) return v > 0 ? kHashInf : -kHashInf;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m != 0) {
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    const uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kHashModulus) x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  return FixMinusOne(static_cast<int64_t>(x) * sign);
}

// CPython's tuplehash (xxHash's mixing).
bool HashTuple(const PjTuple* t, int64_t* out) {
  constexpr uint64_t kPrime1 = 11400714785074694791ULL;
  constexpr uint64_t kPrime2 = 14029467366897019727ULL;
  constexpr uint64_t kPrime5 = 2870177450012600261ULL;
  uint64_t acc = kPrime5;
  for (int64_t i = 0; i < t->size; ++i) {
    int64_t lane;
    if (!Hash(t->items[i], &lane)) return false;
    acc += static_cast<uint64_t>(lane) * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kPrime1;
  }
  acc += static_cast<uint64_t>(t->size) ^ (kPrime5 ^ 3527539ULL);
  *out = acc == static_cast<uint64_t>(-1) ? 1546275796 : static_cast<int64_t>(acc);
  return true;
}

// FNV-1a over the UTF-8 bytes: equal strs hash equal, which is all a dict
// needs (CPython's own str hash is randomized per process). Kept in the str
// after the first time, as CPython keeps its own: a dict key read in a loop
// is hashed once, not once a lookup.
int64_t HashStr(PjValue v) {
  PjStr* s = pj_as_str(v);
  if (s->hash != -1) return s->hash;
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : StrText(v)) h = (h ^ c) * 1099511628211ULL;
  s->hash = FixMinusOne(static_cast<int64_t>(h >> 1));
  return s->hash;
}

// Rebuilds the index table for `d` with room for at least `min_used` keys,
// compacting the entries (dropping deleted ones) on the way.
void Resize(PjDict* d, int64_t min_used) {
  int64_t nindices = 8;
  while (nindices * 2 < min_used * 3) nindices *= 2;  // at most 2/3 full
  const int64_t capacity = nindices * 2 / 3;
  auto* entries = static_cast<PjDictEntry*>(std::malloc(sizeof(PjDictEntry) * capacity));
  auto* indices = static_cast<int64_t*>(std::malloc(sizeof(int64_t) * nindices));
  if (entries == nullptr || indices == nullptr) throw std::bad_alloc();
  std::fill(indices, indices + nindices, kEmpty);
  int64_t n = 0;
  const uint64_t mask = static_cast<uint64_t>(nindices - 1);
  for (int64_t k = 0; k < d->nentries; ++k) {
    const PjDictEntry& e = d->entries[k];
    if (e.key.tag == PJ_TAG_UNBOUND) continue;
    entries[n] = e;
    uint64_t perturb = static_cast<uint64_t>(e.hash);
    uint64_t i = perturb & mask;
    while (indices[i] != kEmpty) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    indices[i] = n++;
  }
  const int64_t before = d->capacity * static_cast<int64_t>(sizeof(PjDictEntry)) +
                         d->nindices * static_cast<int64_t>(sizeof(int64_t));
  const int64_t after = capacity * static_cast<int64_t>(sizeof(PjDictEntry)) +
                        nindices * static_cast<int64_t>(sizeof(int64_t));
  std::free(d->entries);
  std::free(d->indices);
  d->entries = entries;
  d->indices = indices;
  d->nentries = n;
  d->capacity = capacity;
  d->nindices = nindices;
  TheHeap().CountExternal(after - before);
}

// Where `key` is: its slot in the index table (empty or holding it) and
// its entry index (-1 when absent); false with an error raised.
bool Find(PjDict* d, PjValue key, int64_t hash, uint64_t* slot, int64_t* entry) {
  *entry = -1;
  if (d->nindices == 0) return true;
  const uint64_t mask = static_cast<uint64_t>(d->nindices - 1);
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = perturb & mask;
  int64_t first_deleted = -1;
  while (true) {
    const int64_t ix = d->indices[i];
    if (ix == kEmpty) {
      *slot = first_deleted >= 0 ? static_cast<uint64_t>(first_deleted) : i;
      return true;
    }
    if (ix == kDeleted) {
      if (first_deleted < 0) first_deleted = static_cast<int64_t>(i);
    } else {
      const PjDictEntry& e = d->entries[ix];
      if (e.hash == hash) {
        // A str key (the common case) is compared here, not through the
        // general comparison.
        if (e.key.tag == PJ_TAG_STR && key.tag == PJ_TAG_STR) {
          if (e.key.as.obj == key.as.obj || StrText(e.key) == StrText(key)) {
            *slot = i;
            *entry = ix;
            return true;
          }
          perturb >>= 5;
          i = (i * 5 + perturb + 1) & mask;
          continue;
        }
        const uint64_t version = d->version;
        const int eq = pj_items_equal(e.key, key);
        if (eq < 0) return false;
        if (version != d->version) {
          Raise(ExcKind::kRuntimeError, "dictionary changed size during iteration");
          return false;
        }
        if (eq == 1) {
          *slot = i;
          *entry = ix;
          return true;
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

}  // namespace

PjDict* NewDict() {
  auto* d = reinterpret_cast<PjDict*>(
      TheHeap().Allocate(PJ_TAG_DICT, sizeof(PjDict), Heap::Lifetime::kCollected));
  d->used = d->nentries = d->capacity = d->nindices = 0;
  d->indices = nullptr;
  d->entries = nullptr;
  d->version = 0;
  return d;
}

bool Hash(PjValue v, int64_t* out) {
  switch (v.tag) {
    case PJ_TAG_INT:
    case PJ_TAG_BOOL:
    case PJ_TAG_BIGINT:
      *out = HashInt(v);
      return true;
    case PJ_TAG_FLOAT:
      *out = std::isnan(v.as.f) ? 0 : HashDouble(v.as.f);
      return true;
    case PJ_TAG_STR:
      *out = HashStr(v);
      return true;
    case PJ_TAG_TUPLE:
      return HashTuple(pj_as_tuple(v), out);
    case PJ_TAG_LIST:
    case PJ_TAG_DICT:
    case PJ_TAG_SET:
      RaiseF(ExcKind::kTypeError, "unhashable type: '%s'", TypeName(v));
      return false;
    default:
      // None, functions, builtins, ranges...: by identity, as CPython.
      *out = FixMinusOne(static_cast<int64_t>((v.as.bits >> 4) | (v.as.bits << 60)) ^
                         static_cast<int64_t>(v.tag));
      return true;
  }
}

bool DictGet(PjDict* d, PjValue key, PjValue* out) {
  int64_t hash, entry;
  uint64_t slot;
  if (!Hash(key, &hash) || !Find(d, key, hash, &slot, &entry) || entry < 0) return false;
  *out = d->entries[entry].value;
  return true;
}

bool DictSet(PjDict* d, PjValue key, PjValue value) {
  int64_t hash, entry;
  uint64_t slot;
  if (!Hash(key, &hash) || !Find(d, key, hash, &slot, &entry)) return false;
  if (entry >= 0) {
    d->entries[entry].value = value;  // the key keeps its place and its object
    return true;
  }
  if (d->nentries == d->capacity) {
    Resize(d, d->used + 1);
    if (!Find(d, key, hash, &slot, &entry)) return false;
  }
  d->entries[d->nentries] = PjDictEntry{hash, key, value};
  d->indices[slot] = d->nentries++;
  ++d->used;
  ++d->version;
  return true;
}

int DictPop(PjDict* d, PjValue key, PjValue* out) {
  int64_t hash, entry;
  uint64_t slot;
  if (!Hash(key, &hash) || !Find(d, key, hash, &slot, &entry)) return -1;
  if (entry < 0) return 0;
  *out = d->entries[entry].value;
  d->entries[entry].key = pj_unbound();
  d->entries[entry].value = pj_none();
  d->indices[slot] = kDeleted;
  --d->used;
  ++d->version;
  return 1;
}

int DictContains(PjDict* d, PjValue key) {
  PjValue ignored;
  if (DictGet(d, key, &ignored)) return 1;
  return CurrentError().set ? -1 : 0;
}

PjValue RaiseKeyError(PjValue key) {
  // str() of the KeyError is the key's repr, which may itself raise (an int
  // too long to print).
  Repr(key);
  if (CurrentError().set) return pj_error();
  return RaiseObject(NewExceptionWithArg(ExcKind::kKeyError, key));
}

PjValue NewDictView(PjValue dict, DictViewKind kind) {
  auto* view = reinterpret_cast<PjDictView*>(
      TheHeap().Allocate(PJ_TAG_DICT_VIEW, sizeof(PjDictView), Heap::Lifetime::kCollected));
  view->dict = AsDict(dict);
  view->kind = kind;
  return pj_object(PJ_TAG_DICT_VIEW, &view->head);
}

PjValue NewDictIter(PjDict* d, DictViewKind kind) {
  auto* it = reinterpret_cast<PjDictIter*>(
      TheHeap().Allocate(PJ_TAG_DICT_ITER, sizeof(PjDictIter), Heap::Lifetime::kCollected));
  it->dict = d;
  it->kind = kind;
  it->next = 0;
  it->used_at_start = d->used;
  return pj_object(PJ_TAG_DICT_ITER, &it->head);
}

int DictIterNext(PjDictIter* it, PjValue* out) {
  PjDict* d = it->dict;
  if (d == nullptr) return 0;
  if (d->used != it->used_at_start) {
    it->used_at_start = -1;  // CPython's iterator reports it once, then stays broken
    Raise(ExcKind::kRuntimeError, "dictionary changed size during iteration");
    return -1;
  }
  while (it->next < d->nentries && d->entries[it->next].key.tag == PJ_TAG_UNBOUND) ++it->next;
  if (it->next >= d->nentries) {
    it->dict = nullptr;
    return 0;
  }
  const PjDictEntry& e = d->entries[it->next++];
  switch (it->kind) {
    case DictViewKind::kKeys: *out = e.key; break;
    case DictViewKind::kValues: *out = e.value; break;
    case DictViewKind::kItems: {
      PjValue pair[2] = {e.key, e.value};
      *out = pj_build_tuple(pair, 2);
      break;
    }
  }
  return 1;
}

namespace {

// "dict.keys() takes no arguments (1 given)", "get expected at least 1
// argument, got 0": CPython's words for each method's arity.
bool DictArgs(const char* name, const CallArgs& call, int min, int max) {
  if (call.nkw() > 0) {
    RaiseF(ExcKind::kTypeError, "%s() takes no keyword arguments", name);
    return false;
  }
  const int n = call.nargs;
  if (n >= min && n <= max) return true;
  if (max == 0) {
    RaiseF(ExcKind::kTypeError, "dict.%s() takes no arguments (%d given)", name, n);
  } else if (n < min) {
    RaiseF(ExcKind::kTypeError, "%s expected at least %d argument%s, got %d", name, min,
           min == 1 ? "" : "s", n);
  } else {
    RaiseF(ExcKind::kTypeError, "%s expected at most %d argument%s, got %d", name, max,
           max == 1 ? "" : "s", n);
  }
  return false;
}

// d.update(source): a dict, or an iterable of pairs.
bool UpdateFrom(PjDict* d, PjValue source) {
  if (source.tag == PJ_TAG_DICT) {
    const PjDict* from = AsDict(source);
    for (int64_t k = 0; k < from->nentries; ++k) {
      const PjDictEntry& e = from->entries[k];
      if (e.key.tag != PJ_TAG_UNBOUND && !DictSet(d, e.key, e.value)) return false;
    }
    return true;
  }
  PjValue it = pj_get_iter(source);
  if (IsError(it)) return false;
  PjValue item;
  for (int64_t i = 0; pj_iter_next(it, &item); ++i) {
    std::vector<PjValue> pair;
    PjValue pair_iter = pj_get_iter(item);
    if (IsError(pair_iter)) {
      ClearError();
      RaiseF(ExcKind::kTypeError, "cannot convert dictionary update sequence element #%d to a sequence", i);
      return false;
    }
    PjValue part;
    while (pj_iter_next(pair_iter, &part)) pair.push_back(part);
    if (CurrentError().set) return false;
    if (pair.size() != 2) {
      RaiseF(ExcKind::kValueError, "dictionary update sequence element #%d has length %d; 2 is required",
             i, pair.size());
      return false;
    }
    if (!DictSet(d, pair[0], pair[1])) return false;
  }
  return !CurrentError().set;
}

PjValue DictGetMethod(PjValue self, const CallArgs& call) {
  if (!DictArgs("get", call, 1, 2)) return pj_error();
  PjValue value;
  if (DictGet(AsDict(self), call.args[0], &value)) return value;
  if (CurrentError().set) return pj_error();
  return call.nargs == 2 ? call.args[1] : pj_none();
}

PjValue DictSetDefault(PjValue self, const CallArgs& call) {
  if (!DictArgs("setdefault", call, 1, 2)) return pj_error();
  PjValue value;
  if (DictGet(AsDict(self), call.args[0], &value)) return value;
  if (CurrentError().set) return pj_error();
  value = call.nargs == 2 ? call.args[1] : pj_none();
  if (!DictSet(AsDict(self), call.args[0], value)) return pj_error();
  return value;
}

PjValue DictPopMethod(PjValue self, const CallArgs& call) {
  if (!DictArgs("pop", call, 1, 2)) return pj_error();
  PjValue value;
  const int found = DictPop(AsDict(self), call.args[0], &value);
  if (found < 0) return pj_error();
  if (found == 1) return value;
  return call.nargs == 2 ? call.args[1] : RaiseKeyError(call.args[0]);
}

template <DictViewKind kKind>
PjValue DictViewMethod(PjValue self, const CallArgs& call) {
  static constexpr const char* kNames[] = {"keys", "values", "items"};
  if (!DictArgs(kNames[static_cast<int>(kKind)], call, 0, 0)) return pj_error();
  return NewDictView(self, kKind);
}

PjValue DictUpdate(PjValue self, const CallArgs& call) {
  if (!DictArgs("update", call, 0, 1)) return pj_error();
  if (call.nargs == 1 && !UpdateFrom(AsDict(self), call.args[0])) return pj_error();
  return pj_none();
}

PjValue DictCopy(PjValue self, const CallArgs& call) {
  if (!DictArgs("copy", call, 0, 0)) return pj_error();
  PjDict* copy = NewDict();
  PjValue result = pj_object(PJ_TAG_DICT, &copy->head);
  if (!UpdateFrom(copy, self)) return pj_error();
  return result;
}

PjValue DictClear(PjValue self, const CallArgs& call) {
  if (!DictArgs("clear", call, 0, 0)) return pj_error();
  PjDict* d = AsDict(self);
  for (int64_t k = 0; k < d->nentries; ++k) d->entries[k].key = pj_unbound();
  std::fill(d->indices, d->indices + d->nindices, kEmpty);
  d->nentries = d->used = 0;
  ++d->version;
  return pj_none();
}

constexpr MethodEntry kDictMethods[] = {
    {"get", DictGetMethod},
    {"setdefault", DictSetDefault},
    {"pop", DictPopMethod},
    {"keys", DictViewMethod<DictViewKind::kKeys>},
    {"values", DictViewMethod<DictViewKind::kValues>},
    {"items", DictViewMethod<DictViewKind::kItems>},
    {"update", DictUpdate},
    {"copy", DictCopy},
    {"clear", DictClear},
};

}  // namespace

const MethodEntry* FindDictMethod(std::string_view name) {
  for (const MethodEntry& m : kDictMethods) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

PjValue DictBuiltin(const CallArgs& call) {
  if (call.nargs > 1) {
    return RaiseF(ExcKind::kTypeError, "dict expected at most 1 argument, got %d", call.nargs);
  }
  PjDict* d = NewDict();
  PjValue result = pj_object(PJ_TAG_DICT, &d->head);
  if (call.nargs == 1 && !UpdateFrom(d, call.args[0])) return pj_error();
  for (int k = 0; k < call.nkw(); ++k) {  // dict(a=1): str keys
    if (!DictSet(d, call.kwnames->items[k], call.kwvalues[k])) return pj_error();
  }
  return result;
}

}  // namespace pyjit
