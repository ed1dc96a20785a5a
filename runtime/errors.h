// Python exceptions as the runtime raises them. Level 1 has no try/except,
// so an exception always ends the program: the runtime records it as the one
// pending error, unwinds, and the driver prints the traceback.
#ifndef PYJIT_RUNTIME_ERRORS_H_
#define PYJIT_RUNTIME_ERRORS_H_

#include <string>

#include "absl/strings/str_format.h"
#include "runtime/value.h"

namespace pyjit {

#define PJ_EXCEPTION_KINDS(X) \
  X(ZeroDivisionError)        \
  X(IndexError)               \
  X(KeyError)                 \
  X(TypeError)                \
  X(NameError)                \
  X(UnboundLocalError)        \
  X(AssertionError)           \
  X(OverflowError)            \
  X(ValueError)               \
  X(AttributeError)           \
  X(RecursionError)           \
  X(RuntimeError)             \
  X(MemoryError)              \
  X(BrokenPipeError)          \
  X(OSError)                  \
  X(Unsupported)

enum class ExcKind {
#define PJ_EXC_ENUM(name) k##name,
  PJ_EXCEPTION_KINDS(PJ_EXC_ENUM)
#undef PJ_EXC_ENUM
};

const char* ExcKindName(ExcKind kind);

// Not a Python exception: the program used something CPython has and pyjit's
// subset does not (yet), which could not be refused before it ran. It ends
// the program like an exception, with its own last line and exit status 2,
// the status of a refusal.
PjValue RaiseUnsupported(const std::string& what);

struct PendingError {
  bool set = false;
  ExcKind kind = ExcKind::kTypeError;
  std::string message;
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

inline bool IsError(PjValue v) { return v.tag == PJ_TAG_ERROR; }

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_ERRORS_H_
