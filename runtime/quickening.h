// Which specialized form (PJ_SPECIALIZED_OPCODES in code.h) a generic
// instruction takes for the operands it has just seen, and the rewriting of
// tier 1's instructions in place. The interpreter runs the forms; this file
// only decides, so that the rules for each instruction are in one place.
#ifndef PYJIT_RUNTIME_QUICKENING_H_
#define PYJIT_RUNTIME_QUICKENING_H_

#include <cstdint>
#include <string_view>

#include "runtime/code.h"
#include "runtime/value.h"

namespace pyjit {

// A form and what it caches; `form` is the generic instruction itself when
// no form fits.
struct Specialization {
  Tier1Op form;
  Tier1Cache cache;
};

Specialization SpecializeBinaryOp(int32_t arg, PjValue a, PjValue b);
Specialization SpecializeCompareOp(int32_t arg, PjValue a, PjValue b);
// BINARY_SUBSCR or STORE_SUBSCR.
Specialization SpecializeSubscript(Op generic, PjValue container, PjValue index);
Specialization SpecializeForIter(PjValue iterator);
// CALL with `nargs` positional arguments.
Specialization SpecializeCall(PjValue callee, int32_t nargs);
Specialization SpecializeCallMethod(PjValue self, std::string_view name);
Specialization SpecializeLoadAttr(PjValue obj, std::string_view name);

// Makes `in` the specialization's form and fills its cache; when there is
// none, the generic instruction waits (its backoff) before it asks again.
// Whether it now has a form.
// Cold: tier 1's hot paths keep their registers for what runs every time.
[[gnu::cold]] bool Quicken(Tier1Instr& in, Tier1Cache& cache, const Specialization& s);
// A specialized form whose check failed becomes its generic instruction
// again, to ask after a backoff twice as long as the last.
[[gnu::cold]] void Despecialize(Tier1Instr& in);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_QUICKENING_H_
