// Python exceptions as the runtime raises them: one pending error at a
// time, which the interpreter unwinds frame by frame to a handler
// (`try`/`except`) or to the end of the program, collecting its traceback
// on the way (runtime/exceptions.h has the exception objects and classes).
#ifndef PYJIT_RUNTIME_ERRORS_H_
#define PYJIT_RUNTIME_ERRORS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "runtime/value.h"

namespace pyjit {

// X(name, base): the builtin exception classes, each after its base, as
// CPython's hierarchy has them. Unsupported is not a Python class (below).
#define PJ_EXCEPTION_KINDS(X)               \
  X(BaseException, BaseException)           \
  X(Exception, BaseException)               \
  X(ArithmeticError, Exception)             \
  X(ZeroDivisionError, ArithmeticError)     \
  X(OverflowError, ArithmeticError)         \
  X(LookupError, Exception)                 \
  X(IndexError, LookupError)                \
  X(KeyError, LookupError)                  \
  X(TypeError, Exception)                   \
  X(NameError, Exception)                   \
  X(UnboundLocalError, NameError)           \
  X(AssertionError, Exception)              \
  X(ValueError, Exception)                  \
  X(AttributeError, Exception)              \
  X(RuntimeError, Exception)                \
  X(RecursionError, RuntimeError)           \
  X(NotImplementedError, RuntimeError)      \
  X(StopIteration, Exception)               \
  X(MemoryError, Exception)                 \
  X(OSError, Exception)                     \
  X(BrokenPipeError, OSError)               \
  X(Unsupported, Unsupported)

enum class ExcKind {
#define PJ_EXC_ENUM(name, base) k##name,
  PJ_EXCEPTION_KINDS(PJ_EXC_ENUM)
#undef PJ_EXC_ENUM
};

const char* ExcKindName(ExcKind kind);

// Not a Python exception: the program used something CPython has and pyjit's
// subset does not (yet), which could not be refused before it ran. It ends
// the program like an exception, with its own last line and exit status 2,
// the status of a refusal.
PjValue RaiseUnsupported(const std::string& what);

// One frame of a traceback: the code running and the line it was at.
class CodeObject;
struct TracebackEntry {
  const CodeObject* code;
  int32_t line;
};

struct PendingError {
  bool set = false;
  ExcKind kind = ExcKind::kTypeError;
  std::string message;  // str() of the exception
  // The exception object, once there is one: raised by Python code, made
  // by the runtime with arguments of its own (a KeyError's key), or made
  // from `kind` and `message` when a handler caught the error. Unbound
  // until then.
  PjValue object = {};
  // Whether the object's __context__ is still to be set to the exception
  // being handled (not when Python code raised or re-raised it).
  bool needs_context = true;
  // The frames the error has left so far, innermost first.
  std::vector<TracebackEntry> traceback;
};

// The error raised and not yet reported. Single-threaded runtime.
PendingError& CurrentError();

// Records the error and returns the error marker, so that a runtime function
// can `return Raise(...)`.
PjValue Raise(ExcKind kind, std::string message);

template <typename... Args>
PjValue RaiseF(ExcKind kind, const absl::FormatSpec<Args...>& format,
               const Args&... args) {
  return Raise(kind, absl::StrFormat(format, args...));
}

// Raises the exception object `exception` (runtime/exceptions.h) made by
// the runtime, e.g. a KeyError holding its key.
PjValue RaiseObject(PjValue exception);

// Forgets the pending error: a handler caught it, or a runtime function
// tried something that may fail and went another way.
void ClearError();

inline bool IsError(PjValue v) { return v.tag == PJ_TAG_ERROR; }

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_ERRORS_H_
