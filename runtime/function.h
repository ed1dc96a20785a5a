// Heap objects that only the C++ runtime reads: functions, builtins,
// modules and bound methods.
#ifndef PYJIT_RUNTIME_FUNCTION_H_
#define PYJIT_RUNTIME_FUNCTION_H_

#include <cstddef>
#include <cstdint>

#include "runtime/objects.h"
#include "runtime/value.h"

namespace pyjit {

class CodeObject;

// Arguments of a call to a builtin: positional values, then keyword values
// named by `kwnames` (null when there are none).
struct CallArgs {
  const PjValue* args;
  int nargs;
  const PjValue* kwvalues;
  const PjTuple* kwnames;
  int nkw() const { return kwnames == nullptr ? 0 : static_cast<int>(kwnames->size); }
};

using BuiltinFn = PjValue (*)(const CallArgs& call);
using MethodFn = PjValue (*)(PjValue self, const CallArgs& call);

struct PjFunction {
  PjObject head;
  const CodeObject* code;
  PjTuple* defaults;  // null when the function has none
};

static_assert(offsetof(PjFunction, code) == offsetof(PjFunctionHead, code),
              "objects.h's PjFunctionHead must be PjFunction's start");

struct PjBuiltin {
  PjObject head;
  const char* name;
  BuiltinFn fn;
};

struct ModuleAttribute {
  const char* name;
  PjValue value;
};

struct PjModule {
  PjObject head;
  const char* name;
  const ModuleAttribute* attributes;
  int nattributes;
};

struct PjBoundMethod {
  PjObject head;
  PjValue self;
  const char* name;
  MethodFn fn;
};

// The name a function was defined with.
const char* FunctionName(PjValue function);

// The number of items in range(start, stop, step); step is not zero.
int64_t RangeLength(int64_t start, int64_t stop, int64_t step);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_FUNCTION_H_
