#include "runtime/iterators.h"

#include <string_view>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/objects.h"
#include "runtime/ops.h"
#include "runtime/set.h"

namespace pyjit {
namespace {

}  // namespace

PjValue NewAdapterIter(AdapterKind kind, PjValue source, PjValue count) {
  auto* it = reinterpret_cast<PjAdapterIter*>(TheHeap().Allocate(
      PJ_TAG_ADAPTER_ITER, sizeof(PjAdapterIter), Heap::Lifetime::kCollected));
  it->kind = kind;
  it->source = source;
  it->count = count;
  return pj_object(PJ_TAG_ADAPTER_ITER, &it->head);
}

namespace {
PjValue NewAdapter(AdapterKind kind, PjValue source, PjValue count) {
  return NewAdapterIter(kind, source, count);
}

// reversed(range(...)): the same numbers from the other end, as a range
// iterator (CPython's range_reverse does the same).
PjValue ReversedRange(const PjRange* r) {
  PjRangeIter* forward = TheHeap().NewRangeIter(r);
  const int64_t n = forward->remaining;
  if (n == 0) return pj_object(PJ_TAG_RANGE_ITER, &forward->head);
  const __int128 last = static_cast<__int128>(r->start) + static_cast<__int128>(n - 1) * r->step;
  forward->next = static_cast<int64_t>(last);  // within the range, so it fits
  forward->step = -r->step;
  return pj_object(PJ_TAG_RANGE_ITER, &forward->head);
}

}  // namespace

PjValue Enumerate(const CallArgs& call) {
  PjValue iterable = pj_unbound(), start = pj_int(0);
  if (call.nargs > 2) {
    return RaiseF(ExcKind::kTypeError, "enumerate() takes at most 2 arguments (%d given)",
                  call.nargs);
  }
  if (call.nargs >= 1) iterable = call.args[0];
  if (call.nargs == 2) start = call.args[1];
  for (int k = 0; k < call.nkw(); ++k) {
    const std::string_view name = StrText(call.kwnames->items[k]);
    if (name == "start" && call.nargs < 2) {
      start = call.kwvalues[k];
    } else if (name == "iterable" && call.nargs < 1) {
      iterable = call.kwvalues[k];
    } else {
      return RaiseF(ExcKind::kTypeError, "'%s' is an invalid keyword argument for enumerate()",
                    std::string(name));
    }
  }
  if (iterable.tag == PJ_TAG_UNBOUND) {
    return Raise(ExcKind::kTypeError, "enumerate() missing required argument 'iterable'");
  }
  PjValue it = pj_get_iter(iterable);
  if (IsError(it)) return it;
  if (!IsAnyInt(start)) {
    return RaiseF(ExcKind::kTypeError, "'%s' object cannot be interpreted as an integer",
                  TypeName(start));
  }
  if (start.tag == PJ_TAG_BOOL) start = pj_int(start.as.i);
  return NewAdapter(AdapterKind::kEnumerate, it, start);
}

PjValue Zip(const CallArgs& call) {
  if (call.nkw() > 0) return RaiseUnsupported("zip() with keyword arguments");
  PjTuple* iterators = TheHeap().NewTuple(call.nargs);
  PjValue tuple = pj_object(PJ_TAG_TUPLE, &iterators->head);
  for (int i = 0; i < call.nargs; ++i) {
    PjValue it = pj_get_iter(call.args[i]);
    if (IsError(it)) return it;
    iterators->items[i] = it;
  }
  return NewAdapter(AdapterKind::kZip, tuple, pj_none());
}

PjValue Reversed(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "reversed() takes no keyword arguments");
  if (call.nargs != 1) {
    return RaiseF(ExcKind::kTypeError, "reversed expected 1 argument, got %d", call.nargs);
  }
  PjValue seq = call.args[0];
  switch (seq.tag) {
    case PJ_TAG_RANGE:
      return ReversedRange(reinterpret_cast<const PjRange*>(seq.as.obj));
    case PJ_TAG_LIST:
      return NewAdapter(AdapterKind::kReversed, seq, pj_int(pj_as_list(seq)->size - 1));
    case PJ_TAG_TUPLE:
      return NewAdapter(AdapterKind::kReversed, seq, pj_int(pj_as_tuple(seq)->size - 1));
    case PJ_TAG_STR:
      return NewAdapter(AdapterKind::kReversed, seq, pj_int(pj_as_str(seq)->nbytes));
    case PJ_TAG_DICT:
    case PJ_TAG_DICT_VIEW:
      return RaiseUnsupported("reversed() of a dict");
    default:
      return RaiseF(ExcKind::kTypeError, "'%s' object is not reversible", TypeName(seq));
  }
}

PjValue Map(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "map() takes no keyword arguments");
  if (call.nargs < 2) return Raise(ExcKind::kTypeError, "map() must have at least two arguments.");
  PjTuple* iterators = TheHeap().NewTuple(call.nargs - 1);
  PjValue tuple = pj_object(PJ_TAG_TUPLE, &iterators->head);
  for (int i = 1; i < call.nargs; ++i) {
    PjValue it = pj_get_iter(call.args[i]);
    if (IsError(it)) return it;
    iterators->items[i - 1] = it;
  }
  return NewAdapter(AdapterKind::kMap, tuple, call.args[0]);
}

PjValue Filter(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "filter() takes no keyword arguments");
  if (call.nargs != 2) {
    return RaiseF(ExcKind::kTypeError, "filter expected 2 arguments, got %d", call.nargs);
  }
  PjValue it = pj_get_iter(call.args[1]);
  if (IsError(it)) return it;
  return NewAdapter(AdapterKind::kFilter, it, call.args[0]);
}

int AdapterNext(PjAdapterIter* it, PjValue* out) {
  switch (it->kind) {
    case AdapterKind::kSet:
      return SetIterNext(it->source, &it->count, out);
    case AdapterKind::kMap: {
      if (it->source.tag != PJ_TAG_TUPLE) return 0;
      const PjTuple* iterators = pj_as_tuple(it->source);
      std::vector<PjValue> args(static_cast<size_t>(iterators->size));
      for (int64_t i = 0; i < iterators->size; ++i) {
        const int more = pj_iter_next(iterators->items[i], &args[i]);
        if (more <= 0) {
          if (more == 0) it->source = pj_none();  // the shortest ended: so does map
          return more;
        }
      }
      PjValue r = CallValue(it->count, args.data(), static_cast<int>(args.size()));
      if (IsError(r)) return -1;
      *out = r;
      return 1;
    }
    case AdapterKind::kFilter:
      for (;;) {
        PjValue item;
        const int more = pj_iter_next(it->source, &item);
        if (more <= 0) return more;
        PjValue verdict = it->count.tag == PJ_TAG_NONE ? item : CallValue(it->count, &item, 1);
        if (IsError(verdict)) return -1;
        const int truth = pj_truthy(verdict);
        if (truth < 0) return -1;
        if (truth) {
          *out = item;
          return 1;
        }
      }
    case AdapterKind::kEnumerate: {
      PjValue item;
      const int more = pj_iter_next(it->source, &item);
      if (more <= 0) return more;
      PjValue pair[2] = {it->count, item};
      PjValue next = pj_binary_op(static_cast<int32_t>(BinaryOp::kAdd), it->count, pj_int(1));
      if (IsError(next)) return -1;
      it->count = next;
      *out = pj_build_tuple(pair, 2);
      return 1;
    }
    case AdapterKind::kZip: {
      if (it->source.tag != PJ_TAG_TUPLE) return 0;
      const PjTuple* iterators = pj_as_tuple(it->source);
      if (iterators->size == 0) return 0;
      std::vector<PjValue> items(static_cast<size_t>(iterators->size));
      for (int64_t i = 0; i < iterators->size; ++i) {
        const int more = pj_iter_next(iterators->items[i], &items[i]);
        if (more <= 0) {
          if (more == 0) it->source = pj_none();  // the shortest ended: so does zip
          return more;
        }
      }
      *out = pj_build_tuple(items.data(), static_cast<int32_t>(items.size()));
      return 1;
    }
    case AdapterKind::kReversed: {
      int64_t index = it->count.as.i;
      PjValue seq = it->source;
      if (seq.tag == PJ_TAG_STR) {  // index: the byte offset just past the next code point
        if (index <= 0) return 0;
        const char* data = pj_as_str(seq)->data;
        int64_t begin = index - 1;
        while (begin > 0 && (static_cast<unsigned char>(data[begin]) & 0xC0) == 0x80) --begin;
        *out = NewStrValue(std::string_view(data + begin, static_cast<size_t>(index - begin)));
        it->count = pj_int(begin);
        return 1;
      }
      // A list may have shrunk since: CPython's list_reverseiterator ends
      // when its index is past the end.
      const int64_t size = seq.tag == PJ_TAG_LIST ? pj_as_list(seq)->size : pj_as_tuple(seq)->size;
      if (index < 0 || index >= size) {
        it->count = pj_int(-1);
        return 0;
      }
      *out = seq.tag == PJ_TAG_LIST ? pj_as_list(seq)->items[index] : pj_as_tuple(seq)->items[index];
      it->count = pj_int(index - 1);
      return 1;
    }
  }
  return 0;
}

const char* AdapterTypeName(const PjAdapterIter* it) {
  switch (it->kind) {
    case AdapterKind::kEnumerate: return "enumerate";
    case AdapterKind::kZip: return "zip";
    case AdapterKind::kReversed:
      return it->source.tag == PJ_TAG_LIST ? "list_reverseiterator" : "reversed";
    case AdapterKind::kMap: return "map";
    case AdapterKind::kSet: return "set_iterator";
    case AdapterKind::kFilter: return "filter";
  }
  return "iterator";
}

}  // namespace pyjit
