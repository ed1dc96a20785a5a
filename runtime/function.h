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
  PjTuple* defaults;  // of the last positional parameters; null when none
  // Keyword-only parameters' defaults as name, value, name, value...; null
  // when none.
  PjTuple* kwdefaults;
  // The cells of its free variables (CodeObject::free_start on); null when
  // it has none.
  PjTuple* closure;
};

// A variable that an inner function shares with the one that binds it.
struct PjCell {  // PJ_TAG_CELL
  PjObject head;
  PjValue value;  // unbound until assigned
};
static_assert(offsetof(PjCell, value) == sizeof(PjObject),
              "ir/uop_bodies.h's pj_cell_value reads the value right after the header");

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

// A generator: the frame of a generator function's call, kept here
// between the times it runs (a resumption pushes it onto the frame stack
// again and runs it to its next yield or its end).
struct PjGenerator {  // PJ_TAG_GENERATOR
  PjObject head;
  const CodeObject* code;
  PjValue* globals;
  PjValue* slots;  // owned: the frame's locals, then its stack
  int32_t nslots;
  int32_t nlocals;
  int32_t pc;           // where it resumes
  int32_t stack_depth;
  enum State : int32_t { kSuspended, kRunning, kFinished } state;
  // The exception its own `except` block handles where it yielded, or
  // None (CPython's per-generator exc_state).
  PjValue handled;
};

// One step of a generator, for pj_iter_next: 1 and *out (what it
// yielded), 0 once it has returned, -1 with the error it raised.
int GeneratorNext(PjGenerator* generator, PjValue* out);

// The name a function was defined with.
const char* FunctionName(PjValue function);

// The number of items in range(start, stop, step); step is not zero.
int64_t RangeLength(int64_t start, int64_t stop, int64_t step);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_FUNCTION_H_
