// The numeric builtins of Level 2a: divmod, pow (with a modulus), round,
// hex, bin and oct, with CPython's results and messages. builtins.cc binds
// them to their names.
#ifndef PYJIT_RUNTIME_NUMERIC_BUILTINS_H_
#define PYJIT_RUNTIME_NUMERIC_BUILTINS_H_

#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

PjValue DivMod(const CallArgs& call);
PjValue Pow(const CallArgs& call);
PjValue Round(const CallArgs& call);
PjValue Hex(const CallArgs& call);
PjValue Bin(const CallArgs& call);
PjValue Oct(const CallArgs& call);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_NUMERIC_BUILTINS_H_
