#include "runtime/exceptions.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/objects.h"

namespace pyjit {
namespace {

constexpr int kKinds = 0
#define PJ_EXC_COUNT(name, base) +1
    PJ_EXCEPTION_KINDS(PJ_EXC_COUNT)
#undef PJ_EXC_COUNT
    ;

ExcKind BaseOf(ExcKind kind) {
  switch (kind) {
#define PJ_EXC_BASE(name, base) \
  case ExcKind::k##name:        \
    return ExcKind::k##base;
    PJ_EXCEPTION_KINDS(PJ_EXC_BASE)
#undef PJ_EXC_BASE
  }
  return ExcKind::kBaseException;
}

PjException* AsException(PjValue v) { return reinterpret_cast<PjException*>(v.as.obj); }

bool SameObject(PjValue a, PjValue b) { return a.tag == b.tag && a.as.obj == b.as.obj; }

// The context CPython gives an exception raised while `handled` is being
// handled: `handled` itself, after cutting any cycle the link would close.
void SetContext(PjValue exception, PjValue handled) {
  if (handled.tag != PJ_TAG_EXCEPTION || SameObject(handled, exception)) return;
  for (PjValue o = handled; o.tag == PJ_TAG_EXCEPTION; o = AsException(o)->context) {
    if (SameObject(AsException(o)->context, exception)) {
      AsException(o)->context = pj_none();
      break;
    }
  }
  AsException(exception)->context = handled;
}

}  // namespace

PjValue ExcClass(ExcKind kind) {
  static PjValue* classes = [] {
    auto* table = new PjValue[kKinds];
    for (int k = 0; k < kKinds; ++k) {
      auto* c = reinterpret_cast<PjExcClass*>(TheHeap().Allocate(
          PJ_TAG_EXC_CLASS, sizeof(PjExcClass), Heap::Lifetime::kPermanent));
      c->kind = static_cast<ExcKind>(k);
      table[k] = pj_object(PJ_TAG_EXC_CLASS, &c->head);
    }
    return table;
  }();
  return classes[static_cast<int>(kind)];
}

ExcKind ExceptionKind(PjValue exception) {
  if (exception.tag == PJ_TAG_EXC_CLASS) {
    return reinterpret_cast<const PjExcClass*>(exception.as.obj)->kind;
  }
  return AsException(exception)->kind;
}

const char* ExcClassName(PjValue exc_class) { return ExcKindName(ExceptionKind(exc_class)); }

bool ExcIsSubclass(ExcKind kind, ExcKind base) {
  if (kind == ExcKind::kUnsupported || base == ExcKind::kUnsupported) return kind == base;
  for (;;) {
    if (kind == base) return true;
    if (kind == ExcKind::kBaseException) return false;
    kind = BaseOf(kind);
  }
}

PjValue NewException(ExcKind kind, PjValue args) {
  auto* e = reinterpret_cast<PjException*>(
      TheHeap().Allocate(PJ_TAG_EXCEPTION, sizeof(PjException), Heap::Lifetime::kCollected));
  e->kind = kind;
  e->args = args;
  e->context = pj_none();
  e->cause = pj_none();
  e->traceback = nullptr;
  return pj_object(PJ_TAG_EXCEPTION, &e->head);
}

PjValue NewExceptionWithArg(ExcKind kind, PjValue arg) { return NewException(kind, pj_build_tuple(&arg, 1)); }

PjValue CallExcClass(PjValue exc_class, const CallArgs& call) {
  if (call.nkw() > 0) {
    return RaiseF(ExcKind::kTypeError, "%s() takes no keyword arguments",
                  ExcClassName(exc_class));
  }
  return NewException(ExceptionKind(exc_class), pj_build_tuple(call.args, call.nargs));
}

std::string ExceptionStr(PjValue exception) {
  const PjException* e = AsException(exception);
  const PjTuple* args = pj_as_tuple(e->args);
  if (args->size == 0) return "";
  if (args->size == 1) {
    // KeyError shows its key as the key's repr: KeyError: 'a'.
    return e->kind == ExcKind::kKeyError ? Repr(args->items[0]) : Str(args->items[0]);
  }
  return Repr(e->args);
}

std::string ExceptionRepr(PjValue exception) {
  const PjException* e = AsException(exception);
  const PjTuple* args = pj_as_tuple(e->args);
  if (args->size == 1) {
    return absl::StrCat(ExcKindName(e->kind), "(", Repr(args->items[0]), ")");
  }
  return absl::StrCat(ExcKindName(e->kind), Repr(e->args));
}

PjValue ExceptionAttribute(PjValue exception, std::string_view name) {
  if (name == "args") return AsException(exception)->args;
  return pj_unbound();
}

int ExceptionMatches(PjValue exception, PjValue types) {
  const ExcKind kind = ExceptionKind(exception);
  auto matches = [&](PjValue type) {
    if (type.tag != PJ_TAG_EXC_CLASS) {
      Raise(ExcKind::kTypeError,
            "catching classes that do not inherit from BaseException is not allowed");
      return -1;
    }
    return ExcIsSubclass(kind, ExceptionKind(type)) ? 1 : 0;
  };
  if (types.tag != PJ_TAG_TUPLE) return matches(types);
  const PjTuple* t = pj_as_tuple(types);
  // CPython checks every item of the tuple before it matches any.
  for (int64_t i = 0; i < t->size; ++i) {
    if (t->items[i].tag != PJ_TAG_EXC_CLASS) return matches(t->items[i]);
  }
  for (int64_t i = 0; i < t->size; ++i) {
    if (matches(t->items[i]) == 1) return 1;
  }
  return 0;
}

PjValue TakePendingException(PjValue handled) {
  PendingError& error = CurrentError();
  PjValue exception = error.object;
  if (exception.tag == PJ_TAG_UNBOUND) {
    const bool has_message = !error.message.empty();
    PjValue message = has_message ? NewStrValue(error.message) : pj_none();
    exception = NewException(error.kind, pj_build_tuple(&message, has_message ? 1 : 0));
  }
  if (error.needs_context) SetContext(exception, handled);
  PjException* e = AsException(exception);
  if (e->traceback == nullptr) e->traceback = new std::vector<TracebackEntry>();
  *e->traceback = std::move(error.traceback);
  ClearError();
  return exception;
}

PjValue RaiseFromPython(PjValue x, PjValue handled) {
  if (x.tag == PJ_TAG_EXC_CLASS) {
    x = NewException(ExceptionKind(x), pj_build_tuple(nullptr, 0));
  } else if (x.tag != PJ_TAG_EXCEPTION) {
    return Raise(ExcKind::kTypeError, "exceptions must derive from BaseException");
  }
  SetContext(x, handled);
  Reraise(x);
  return pj_error();
}

void ReplaceStopIterationFromGenerator(PjValue handled) {
  const PendingError& error = CurrentError();
  if (!error.set || !ExcIsSubclass(error.kind, ExcKind::kStopIteration)) return;
  PjValue stop = TakePendingException(handled);
  PjValue replacement = NewExceptionWithArg(ExcKind::kRuntimeError,
                                            NewStrValue("generator raised StopIteration"));
  AsException(replacement)->cause = stop;
  AsException(replacement)->context = stop;
  Reraise(replacement);
}

PjValue Reraise(PjValue exception) {
  ClearError();
  PendingError& error = CurrentError();
  const PjException* e = AsException(exception);
  error.set = true;
  error.kind = e->kind;
  error.message = ExceptionStr(exception);
  error.object = exception;
  error.needs_context = false;
  if (e->traceback != nullptr) error.traceback = *e->traceback;
  return pj_error();
}

}  // namespace pyjit
