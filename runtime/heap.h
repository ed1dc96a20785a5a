// The garbage-collected heap: a non-moving mark-and-sweep collector that
// runs only at safe points (see README.md for why, and what a safe point is).
#ifndef PYJIT_RUNTIME_HEAP_H_
#define PYJIT_RUNTIME_HEAP_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "runtime/objects.h"
#include "runtime/ops.h"
#include "runtime/value.h"

namespace pyjit {

// Passed to whoever enumerates roots during a collection.
class RootMarker {
 public:
  void Mark(PjValue v) {
    if (pj_is_heap(v)) Mark(v.as.obj);
  }
  void Mark(PjObject* obj);
  void MarkRange(const PjValue* begin, const PjValue* end) {
    for (const PjValue* p = begin; p != end; ++p) Mark(*p);
  }

 private:
  friend class Heap;
  std::vector<PjObject*> gray_;
};

class Heap {
 public:
  Heap() = default;
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // Objects that live as long as the program (constants, builtins, modules)
  // are never swept, so they need not be reachable from a root.
  enum class Lifetime { kCollected, kPermanent };

  PjStr* NewStr(std::string_view utf8, Lifetime lifetime = Lifetime::kCollected);
  // a + b; amortized O(len(b)) when `a` was itself made by appending (see
  // PjStrBuffer in objects.h).
  PjStr* ConcatStr(const PjStr* a, const PjStr* b);
  PjList* NewList(int64_t size);
  PjTuple* NewTuple(int64_t size, Lifetime lifetime = Lifetime::kCollected);
  PjRange* NewRange(int64_t start, int64_t stop, int64_t step);
  PjRangeIter* NewRangeIter(const PjRange* range);
  PjRangeIter* NewRangeIter(int64_t start, int64_t stop, int64_t step);
  PjSeqIter* NewSeqIter(PjObject* seq);

  // Raw allocation of an object of `bytes` bytes whose header is set up.
  // `external_bytes` is memory the object owns outside itself (a big int's
  // limbs), counted towards the next collection; SizeOf must agree.
  PjObject* Allocate(PjTag kind, size_t bytes, Lifetime lifetime,
                     size_t external_bytes = 0);

  // Grows a list's item array to hold at least `capacity` items.
  void ReserveList(PjList* list, int64_t capacity);

  // list.append(value), growing the item array as needed.
  void Append(PjList* list, PjValue value) {
    ReserveList(list, list->size + 1);
    list->items[list->size++] = value;
  }

  // Memory an object owns outside itself grew (or shrank) by `bytes`, as
  // SizeOf will count it from now on (a dict's tables).
  void CountExternal(int64_t bytes) {
    if (bytes >= 0) {
      CountAllocated(static_cast<size_t>(bytes));
    } else {
      live_bytes_ -= static_cast<size_t>(-bytes);
    }
  }

  // True when enough has been allocated since the last collection that the
  // next safe point should collect.
  bool collection_due() const { return bytes_since_collection_ >= threshold_; }
  // The same question for compiled code that asks it inline: is
  // *bytes_since_collection_address() >= *threshold_address()? (The heap
  // lives as long as the process, so the addresses stay valid.)
  const size_t* bytes_since_collection_address() const { return &bytes_since_collection_; }
  const size_t* threshold_address() const { return &threshold_; }

  // Marks from the roots the caller enumerates, then frees the rest.
  template <typename EnumerateRoots>
  void Collect(EnumerateRoots&& enumerate_roots) {
    RootMarker marker;
    enumerate_roots(marker);
    Trace(marker);
    Sweep();
  }

  size_t live_bytes() const { return live_bytes_; }
  // ScopedNoCollection's: a threshold no allocation reaches, then back.
  size_t SuspendCollections() {
    size_t saved = threshold_;
    threshold_ = SIZE_MAX;
    return saved;
  }
  void ResumeCollections(size_t threshold) {
    threshold_ = threshold;
    if (bytes_since_collection_ >= threshold_) pj_back_edges_until_ask = 1;
  }
  // The most live_bytes() has been since the last ResetPeak().
  size_t peak_bytes() const { return peak_bytes_; }
  void ResetPeak() { peak_bytes_ = live_bytes_; }
  int64_t collections() const { return collections_; }

 private:
  void Trace(RootMarker& marker);
  void Sweep();
  // Bytes the heap now owns more: when that makes a collection due,
  // compiled code asks at its next back edge (pj_back_edges_until_ask),
  // where it leaves for tier 1 to collect.
  void CountAllocated(size_t bytes) {
    live_bytes_ += bytes;
    bytes_since_collection_ += bytes;
    if (live_bytes_ > peak_bytes_) peak_bytes_ = live_bytes_;
    if (bytes_since_collection_ >= threshold_) pj_back_edges_until_ask = 1;
  }
  static size_t SizeOf(const PjObject* obj);
  void Free(PjObject* obj);

  PjObject* objects_ = nullptr;  // collected objects, newest first
  size_t live_bytes_ = 0;
  size_t peak_bytes_ = 0;
  size_t bytes_since_collection_ = 0;
  size_t threshold_ = size_t{16} << 20;
  int64_t collections_ = 0;
};

// No collection while it lives: the runtime calls Python code (a sort's
// key function, map's function) from where the values it holds are in C++
// variables, not in frames, and compiled code's frames are exact only at
// its own calls. The collection due meanwhile happens at the next safe
// point after. Nests.
class ScopedNoCollection {
 public:
  ScopedNoCollection();
  ~ScopedNoCollection();
  ScopedNoCollection(const ScopedNoCollection&) = delete;
  ScopedNoCollection& operator=(const ScopedNoCollection&) = delete;

 private:
  size_t saved_threshold_;
};

// The process's one heap: the runtime is single-threaded and every object,
// whichever tier made it, lives here.
// Inline: compiled code's calls ask collection_due() on every function
// entry. Never destroyed: objects outlive main().
inline Heap& TheHeap() {
  static Heap* heap = new Heap();
  return *heap;
}

// A new str value holding `utf8`, and the text of a str value.
inline PjValue NewStrValue(std::string_view utf8) {
  return pj_object(PJ_TAG_STR, &TheHeap().NewStr(utf8)->head);
}
inline std::string_view StrText(PjValue str) {
  const PjStr* s = pj_as_str(str);
  return std::string_view(s->data, static_cast<size_t>(s->nbytes));
}

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_HEAP_H_
