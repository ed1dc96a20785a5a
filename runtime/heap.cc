#include "runtime/heap.h"

#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <new>

#include "runtime/bigint.h"
#include "runtime/dict.h"
#include "runtime/block_pool.h"
#include "runtime/function.h"
#include "runtime/exceptions.h"
#include "runtime/iterators.h"
#include "runtime/set.h"

namespace pyjit {
namespace {

constexpr uint16_t kUnmarked = 0;
constexpr uint16_t kMarked = 1;
constexpr uint16_t kPermanentMark = 2;

int64_t CountCodePoints(std::string_view utf8) {
  int64_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

void RootMarker::Mark(PjObject* obj) {
  if (obj == nullptr || obj->marked != kUnmarked) return;
  obj->marked = kMarked;
  gray_.push_back(obj);
}


Heap::~Heap() {
  while (objects_ != nullptr) {
    PjObject* next = objects_->gc_next;
    Free(objects_);
    objects_ = next;
  }
}

PjObject* Heap::Allocate(PjTag kind, size_t bytes, Lifetime lifetime,
                         size_t external_bytes) {
  const uint32_t block_class = BlockClass(bytes);
  auto* obj = static_cast<PjObject*>(block_class ? AllocateBlock(block_class)
                                                 : std::malloc(bytes));
  if (obj == nullptr) throw std::bad_alloc();
  std::memset(obj, 0, bytes);
  obj->kind = kind;
  obj->block_class = static_cast<uint16_t>(block_class);
  if (lifetime == Lifetime::kPermanent) {
    obj->marked = kPermanentMark;
    obj->gc_next = nullptr;
    return obj;
  }
  obj->marked = kUnmarked;
  obj->gc_next = objects_;
  objects_ = obj;
  CountAllocated(bytes + external_bytes);
  return obj;
}

PjStr* Heap::NewStr(std::string_view utf8, Lifetime lifetime) {
  auto* s = reinterpret_cast<PjStr*>(
      Allocate(PJ_TAG_STR, sizeof(PjStr) + utf8.size() + 1, lifetime));
  s->nbytes = static_cast<int64_t>(utf8.size());
  s->nchars = CountCodePoints(utf8);
  s->hash = -1;
  s->data = s->inline_data;
  s->buffer = nullptr;
  if (!utf8.empty()) std::memcpy(s->data, utf8.data(), utf8.size());  // data() may be null
  s->data[utf8.size()] = '\0';
  return s;
}

PjStr* Heap::ConcatStr(const PjStr* a, const PjStr* b) {
  const int64_t total = a->nbytes + b->nbytes;
  // Short results are copied: a buffer pays off for strings that grow.
  constexpr int64_t kShareFrom = 64;
  if (total < kShareFrom) {
    std::string joined;
    joined.reserve(total);
    joined.append(a->data, a->nbytes).append(b->data, b->nbytes);
    return NewStr(joined);
  }
  PjStrBuffer* buffer = a->buffer;
  const bool append_in_place =
      buffer != nullptr && buffer->used == a->nbytes && buffer->capacity >= total;
  if (!append_in_place) {
    // A new buffer with room to double, so that n appends copy O(n) bytes.
    const int64_t capacity = total * 2;
    buffer = static_cast<PjStrBuffer*>(std::malloc(sizeof(PjStrBuffer) + capacity));
    if (buffer == nullptr) throw std::bad_alloc();
    buffer->refs = 0;
    buffer->capacity = capacity;
    std::memcpy(buffer->bytes, a->data, a->nbytes);
    CountAllocated(capacity);
  }
  std::memcpy(buffer->bytes + a->nbytes, b->data, b->nbytes);
  buffer->used = total;
  ++buffer->refs;
  auto* s = reinterpret_cast<PjStr*>(Allocate(PJ_TAG_STR, sizeof(PjStr), Lifetime::kCollected));
  s->nbytes = total;
  s->nchars = a->nchars + b->nchars;
  s->hash = -1;
  s->data = buffer->bytes;
  s->buffer = buffer;
  return s;
}

PjList* Heap::NewList(int64_t size) {
  auto* list = reinterpret_cast<PjList*>(
      Allocate(PJ_TAG_LIST, sizeof(PjList), Lifetime::kCollected));
  ReserveList(list, size);
  for (int64_t i = 0; i < size; ++i) list->items[i] = pj_none();
  list->size = size;
  return list;
}

void Heap::ReserveList(PjList* list, int64_t capacity) {
  if (capacity <= list->capacity) return;
  int64_t grown = list->capacity + list->capacity / 2 + 4;
  if (grown < capacity) grown = capacity;
  void* items = std::realloc(list->items, sizeof(PjValue) * grown);
  if (items == nullptr) throw std::bad_alloc();
  size_t added = sizeof(PjValue) * (grown - list->capacity);
  CountAllocated(added);
  list->items = static_cast<PjValue*>(items);
  list->capacity = grown;
}

PjTuple* Heap::NewTuple(int64_t size, Lifetime lifetime) {
  auto* t = reinterpret_cast<PjTuple*>(Allocate(
      PJ_TAG_TUPLE, sizeof(PjTuple) + sizeof(PjValue) * size, lifetime));
  t->size = size;
  for (int64_t i = 0; i < size; ++i) t->items[i] = pj_none();
  return t;
}

PjRange* Heap::NewRange(int64_t start, int64_t stop, int64_t step) {
  auto* r = reinterpret_cast<PjRange*>(
      Allocate(PJ_TAG_RANGE, sizeof(PjRange), Lifetime::kCollected));
  r->start = start;
  r->stop = stop;
  r->step = step;
  return r;
}

PjRangeIter* Heap::NewRangeIter(const PjRange* range) {
  return NewRangeIter(range->start, range->stop, range->step);
}

PjRangeIter* Heap::NewRangeIter(int64_t start, int64_t stop, int64_t step) {
  auto* it = reinterpret_cast<PjRangeIter*>(
      Allocate(PJ_TAG_RANGE_ITER, sizeof(PjRangeIter), Lifetime::kCollected));
  it->next = start;
  it->step = step;
  it->remaining = RangeLength(start, stop, step);
  return it;
}

PjSeqIter* Heap::NewSeqIter(PjObject* seq) {
  auto* it = reinterpret_cast<PjSeqIter*>(
      Allocate(PJ_TAG_SEQ_ITER, sizeof(PjSeqIter), Lifetime::kCollected));
  it->seq = seq;
  it->index = 0;
  return it;
}

void Heap::Trace(RootMarker& marker) {
  while (!marker.gray_.empty()) {
    PjObject* obj = marker.gray_.back();
    marker.gray_.pop_back();
    switch (obj->kind) {
      case PJ_TAG_LIST: {
        auto* list = reinterpret_cast<PjList*>(obj);
        marker.MarkRange(list->items, list->items + list->size);
        break;
      }
      case PJ_TAG_TUPLE: {
        auto* t = reinterpret_cast<PjTuple*>(obj);
        marker.MarkRange(t->items, t->items + t->size);
        break;
      }
      case PJ_TAG_SEQ_ITER:
        marker.Mark(reinterpret_cast<PjSeqIter*>(obj)->seq);
        break;
      case PJ_TAG_FUNCTION: {
        auto* fn = reinterpret_cast<PjFunction*>(obj);
        marker.Mark(reinterpret_cast<PjObject*>(fn->defaults));
        marker.Mark(reinterpret_cast<PjObject*>(fn->kwdefaults));
        marker.Mark(reinterpret_cast<PjObject*>(fn->closure));
        break;
      }
      case PJ_TAG_CELL:
        marker.Mark(reinterpret_cast<PjCell*>(obj)->value);
        break;
      case PJ_TAG_SET: {
        auto* s = reinterpret_cast<PjSet*>(obj);
        for (int64_t i = 0; i <= s->mask; ++i) marker.Mark(s->table[i].key);
        break;
      }
      case PJ_TAG_GENERATOR: {
        auto* g = reinterpret_cast<PjGenerator*>(obj);
        if (g->state == PjGenerator::kFinished) break;
        marker.MarkRange(g->slots, g->slots + g->nlocals + g->stack_depth);
        marker.Mark(g->handled);
        break;
      }
      case PJ_TAG_BOUND_METHOD:
        marker.Mark(reinterpret_cast<PjBoundMethod*>(obj)->self);
        break;
      case PJ_TAG_DICT: {
        auto* d = reinterpret_cast<PjDict*>(obj);
        for (int64_t k = 0; k < d->nentries; ++k) {
          marker.Mark(d->entries[k].key);
          marker.Mark(d->entries[k].value);
        }
        break;
      }
      case PJ_TAG_DICT_VIEW:
        marker.Mark(&reinterpret_cast<PjDictView*>(obj)->dict->head);
        break;
      case PJ_TAG_ADAPTER_ITER:
        marker.Mark(reinterpret_cast<PjAdapterIter*>(obj)->source);
        marker.Mark(reinterpret_cast<PjAdapterIter*>(obj)->count);
        break;
      case PJ_TAG_DICT_ITER:
        marker.Mark(reinterpret_cast<PjObject*>(reinterpret_cast<PjDictIter*>(obj)->dict));
        break;
      case PJ_TAG_EXCEPTION:
        marker.Mark(reinterpret_cast<PjException*>(obj)->args);
        marker.Mark(reinterpret_cast<PjException*>(obj)->context);
        marker.Mark(reinterpret_cast<PjException*>(obj)->cause);
        break;
      default:
        break;  // no references to other objects
    }
  }
}

size_t Heap::SizeOf(const PjObject* obj) {
  switch (obj->kind) {
    case PJ_TAG_STR: {
      // A shared buffer is counted once, by Free, not by each string.
      const auto* str = reinterpret_cast<const PjStr*>(obj);
      return str->buffer != nullptr ? sizeof(PjStr) : sizeof(PjStr) + str->nbytes + 1;
    }
    case PJ_TAG_LIST:
      return sizeof(PjList) +
             sizeof(PjValue) * reinterpret_cast<const PjList*>(obj)->capacity;
    case PJ_TAG_TUPLE:
      return sizeof(PjTuple) +
             sizeof(PjValue) * reinterpret_cast<const PjTuple*>(obj)->size;
    case PJ_TAG_RANGE:
      return sizeof(PjRange);
    case PJ_TAG_RANGE_ITER:
      return sizeof(PjRangeIter);
    case PJ_TAG_SEQ_ITER:
      return sizeof(PjSeqIter);
    case PJ_TAG_FUNCTION:
      return sizeof(PjFunction);
    case PJ_TAG_BOUND_METHOD:
      return sizeof(PjBoundMethod);
    case PJ_TAG_DICT: {
      const auto* d = reinterpret_cast<const PjDict*>(obj);
      return sizeof(PjDict) + sizeof(PjDictEntry) * d->capacity + sizeof(int64_t) * d->nindices;
    }
    case PJ_TAG_DICT_VIEW:
      return sizeof(PjDictView);
    case PJ_TAG_DICT_ITER:
      return sizeof(PjDictIter);
    case PJ_TAG_ADAPTER_ITER:
      return sizeof(PjAdapterIter);
    case PJ_TAG_EXC_CLASS:
      return sizeof(PjExcClass);
    case PJ_TAG_CELL:
      return sizeof(PjCell);
    case PJ_TAG_SET:
      return sizeof(PjSet) + sizeof(PjSetEntry) * (reinterpret_cast<const PjSet*>(obj)->mask + 1);
    case PJ_TAG_GENERATOR:
      return sizeof(PjGenerator) +
             sizeof(PjValue) * reinterpret_cast<const PjGenerator*>(obj)->nslots;
    case PJ_TAG_EXCEPTION:
      return sizeof(PjException);
    case PJ_TAG_BIGINT:
      return sizeof(PjBigInt) +
             mpz_size(reinterpret_cast<const PjBigInt*>(obj)->value) * sizeof(mp_limb_t);
    default:
      return sizeof(PjObject);
  }
}

ScopedNoCollection::ScopedNoCollection() : saved_threshold_(TheHeap().SuspendCollections()) {}
ScopedNoCollection::~ScopedNoCollection() { TheHeap().ResumeCollections(saved_threshold_); }

void Heap::Free(PjObject* obj) {
  if (obj->kind == PJ_TAG_LIST) std::free(reinterpret_cast<PjList*>(obj)->items);
  if (obj->kind == PJ_TAG_DICT) {
    std::free(reinterpret_cast<PjDict*>(obj)->entries);
    std::free(reinterpret_cast<PjDict*>(obj)->indices);
  }
  if (obj->kind == PJ_TAG_STR) {
    PjStrBuffer* buffer = reinterpret_cast<PjStr*>(obj)->buffer;
    if (buffer != nullptr && --buffer->refs == 0) {
      live_bytes_ -= buffer->capacity;
      std::free(buffer);
    }
  }
  if (obj->kind == PJ_TAG_SET) std::free(reinterpret_cast<PjSet*>(obj)->table);
  if (obj->kind == PJ_TAG_GENERATOR) std::free(reinterpret_cast<PjGenerator*>(obj)->slots);
  if (obj->kind == PJ_TAG_EXCEPTION) delete reinterpret_cast<PjException*>(obj)->traceback;
  if (obj->kind == PJ_TAG_BIGINT) mpz_clear(reinterpret_cast<PjBigInt*>(obj)->value);
  if (obj->block_class != 0) {
    FreeBlock(obj, obj->block_class);
  } else {
    std::free(obj);
  }
}

void Heap::Sweep() {
  PjObject** link = &objects_;
  while (*link != nullptr) {
    PjObject* obj = *link;
    if (obj->marked == kMarked) {
      obj->marked = kUnmarked;
      link = &obj->gc_next;
    } else {
      *link = obj->gc_next;
      live_bytes_ -= SizeOf(obj);
      Free(obj);
    }
  }
  bytes_since_collection_ = 0;
  // Collect again after allocating as much as survived, but not too often.
  threshold_ = std::max(live_bytes_, size_t{16} << 20);
  ++collections_;
}

}  // namespace pyjit
