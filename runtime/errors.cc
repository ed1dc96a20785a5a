#include "runtime/errors.h"

#include <utility>

#include "runtime/exceptions.h"

namespace pyjit {

const char* ExcKindName(ExcKind kind) {
  switch (kind) {
#define PJ_EXC_NAME(name, base) \
  case ExcKind::k##name:        \
    return #name;
    PJ_EXCEPTION_KINDS(PJ_EXC_NAME)
#undef PJ_EXC_NAME
  }
  return "Exception";
}

PjValue RaiseUnsupported(const std::string& what) {
  return Raise(ExcKind::kUnsupported,
               what + " is not supported by pyjit's Python subset (CPython has it)");
}

PendingError& CurrentError() {
  static PendingError error;
  return error;
}

PjValue Raise(ExcKind kind, std::string message) {
  PendingError& error = CurrentError();
  // The first error wins: a later one raised while unwinding is a symptom.
  if (!error.set) {
    error.set = true;
    error.kind = kind;
    error.message = std::move(message);
  }
  return pj_error();
}

PjValue RaiseObject(PjValue exception) {
  PendingError& error = CurrentError();
  if (!error.set) {
    error.set = true;
    error.kind = ExceptionKind(exception);
    error.message = ExceptionStr(exception);
    error.object = exception;
    error.needs_context = true;
  }
  return pj_error();
}

void ClearError() { CurrentError() = PendingError{}; }

}  // namespace pyjit
