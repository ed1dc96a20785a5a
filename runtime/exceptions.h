// Exceptions as Python values: the builtin exception classes (permanent
// objects, one per ExcKind, with CPython's hierarchy) and exception
// instances, which carry their arguments, the exception that was being
// handled when they were raised (__context__) and their traceback.
//
// The interpreter raises and catches; this file says what an exception is:
// how it is made, printed, matched by `except`, and turned from the
// runtime's pending error (errors.h) into an object and back.
#ifndef PYJIT_RUNTIME_EXCEPTIONS_H_
#define PYJIT_RUNTIME_EXCEPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

struct PjExcClass {  // PJ_TAG_EXC_CLASS, permanent
  PjObject head;
  ExcKind kind;
};

struct PjException {  // PJ_TAG_EXCEPTION
  PjObject head;
  ExcKind kind;
  PjValue args;     // a tuple
  PjValue context;  // the exception handled when this one was raised, or None
  // What it was raised because of (__cause__), or None: a generator's
  // StopIteration for the RuntimeError that replaces it (PEP 479). Printed
  // before it, in place of the context.
  PjValue cause;
  // The frames it has left, innermost first; null while it has none. Owned.
  std::vector<TracebackEntry>* traceback;
};

// The class of `kind`, and the kind of an exception class or instance.
PjValue ExcClass(ExcKind kind);
ExcKind ExceptionKind(PjValue exception);
const char* ExcClassName(PjValue exc_class);
// Whether `kind` is `base` or derives from it.
bool ExcIsSubclass(ExcKind kind, ExcKind base);

// A new exception of `kind` with `args` (a tuple value).
PjValue NewException(ExcKind kind, PjValue args);
// The same with one argument: KeyError(key).
PjValue NewExceptionWithArg(ExcKind kind, PjValue arg);
// ValueError("message"): calling an exception class.
PjValue CallExcClass(PjValue exc_class, const CallArgs& call);

// str(e) and repr(e), as CPython prints them (a KeyError shows its key's
// repr).
std::string ExceptionStr(PjValue exception);
std::string ExceptionRepr(PjValue exception);
// e.args; unbound for a name exceptions do not have (the caller raises).
PjValue ExceptionAttribute(PjValue exception, std::string_view name);

// `except types:` for the exception `exception`: 1 or 0, or -1 with
// TypeError raised when `types` is not an exception class or a tuple of
// them.
int ExceptionMatches(PjValue exception, PjValue types);

// The pending error as an exception object, made now from its kind and
// message if the runtime raised it without one, holding the traceback so
// far; its context is `handled` (the exception being handled, or None)
// when it had none to take. The error is no longer pending.
PjValue TakePendingException(PjValue handled);
// `raise x` in Python code: x is an exception class (made with no
// arguments) or instance, else TypeError. Its context becomes `handled`.
// Always returns the error marker.
PjValue RaiseFromPython(PjValue x, PjValue handled);
// PEP 479: a StopIteration (or subclass) pending as a generator's frame
// ends becomes RuntimeError("generator raised StopIteration") caused by it;
// any other error stays. Call where the generator's frame has been left.
void ReplaceStopIterationFromGenerator(PjValue handled);
// Makes `exception` the pending error again, with the traceback it has
// (a bare `raise`, and the end of a handler that did not match).
PjValue Reraise(PjValue exception);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_EXCEPTIONS_H_
