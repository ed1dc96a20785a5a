// Builtin functions, list methods, the `math` and `time` modules, and the
// program's standard output.
#ifndef PYJIT_RUNTIME_BUILTINS_H_
#define PYJIT_RUNTIME_BUILTINS_H_

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

// The builtin bound to `name` (print, len, ..., __name__), or an unbound
// value when there is none.
PjValue LookupBuiltin(std::string_view name);

// `import math` / `import time`.
PjValue ImportModule(std::string_view name);

// callee(args...) from a runtime function: a Python function runs in the
// running interpreter (Interpreter::CallFromRuntime), anything else
// directly; TypeError for what is not callable.
PjValue CallValue(PjValue callee, const PjValue* args, int nargs);

// Whether `v` is an iterator (next() takes it; iter() of it is itself).
bool IsIterator(PjValue v);

// Whether `v` can be called (callable()).
bool IsCallable(PjValue v);

// obj.name(args...) without making a bound method first.
PjValue CallMethod(PjValue self, std::string_view name, const CallArgs& call);

// obj.name
PjValue GetAttribute(PjValue obj, std::string_view name);

// A method of a builtin type (list, str).
struct MethodEntry {
  const char* name;
  MethodFn fn;
};

// The method `name` of `self`'s type, or null when it is not a builtin
// type's (a module's attributes are GetAttribute's). Tier 1 resolves a
// method call by it once (quickening.h).
const MethodEntry* FindMethod(PjValue self, std::string_view name);

// str's methods (str_methods.cc), or null.
const MethodEntry* FindStrMethod(std::string_view name);

// A builtin function's arity, in CPython's words ("len() takes exactly one
// argument (2 given)", "divmod expected 2 arguments, got 1"); false with
// the TypeError raised.
bool CheckArgCount(const char* name, const CallArgs& call, int min, int max);

// The arity of a module function or a method that takes `n` (0 or 1)
// arguments, named as CPython names it: "math.sqrt() takes exactly one
// argument (2 given)", "set.clear() takes no arguments (1 given)".
bool ExactArgCount(const char* qualified, const CallArgs& call, int n);

// `v` where CPython wants an index (a count, a width, a position): its
// TypeError for what is not an int, OverflowError beyond 64 bits.
bool IndexArg(PjValue v, int64_t* out);

// What a module's method `name` is (modules are permanent and never
// change), or null. Tier 2 resolves calls on a module it saw by it.
const PjValue* FindModuleAttribute(PjValue module, std::string_view name);

// The PjMathFunction (runtime/ops.h) that builtin object computes: math's
// sqrt, sin and cos; -1 for any other. CALL_MATH_FLOAT runs these inline.
int MathFunctionOf(const void* builtin);

// Whether pyjit has the attribute `name` of a value of type `scope` (a
// TypeName such as "list") or of the module `scope`: the frontend refuses
// what CPython has and this lacks (runtime/python_names.h).
bool PyjitHasAttribute(std::string_view scope, std::string_view name);

// What `print` writes to. Buffered: flush before writing to stderr.
class Output {
 public:
  // False with BrokenPipeError or OSError raised when the output could not
  // be written (a closed pipe, a full disk), as CPython's print raises them.
  bool Write(std::string_view text);
  bool Flush();
  // Tests capture output in a string instead of writing to stdout.
  void CaptureInto(std::string* sink) {
    capture_ = sink;
    printed_ = false;
  }
  // When the program first printed since CaptureInto, if it has (the
  // benchmark harness's "time to first result").
  bool printed() const { return printed_; }
  std::chrono::steady_clock::time_point first_print() const { return first_print_; }

 private:
  std::string buffer_;
  std::string* capture_ = nullptr;
  bool printed_ = false;
  std::chrono::steady_clock::time_point first_print_;
};

Output& StdOut();

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_BUILTINS_H_
