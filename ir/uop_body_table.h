// Every uop's C body as a function pointer, in UopId order, for the
// backends that call bodies from the code they generate (asmjit, mir) and
// for tests. C++ only and separate from uop_bodies.h, which the stencil
// and bitcode builds compile as C with -Werror (an unused table there would
// be an error).
#ifndef PYJIT_IR_UOP_BODY_TABLE_H_
#define PYJIT_IR_UOP_BODY_TABLE_H_

#include "ir/trace.h"
#include "ir/uop_bodies.h"

namespace pyjit {

using UopBody = int (*)(PjFrame* frame, PjValue** spp, int32_t oparg, uint64_t operand);

// `static`: the bodies are static inline, so each translation unit has its
// own copies and its own table of them.
static constexpr UopBody kUopBodies[] = {
#define PJ_UOP_BODY_POINTER(name, pops, pushes, kinds, flags) &pj_uop_##name,
    PJ_UOPS(PJ_UOP_BODY_POINTER)
#undef PJ_UOP_BODY_POINTER
};
static_assert(sizeof(kUopBodies) / sizeof(kUopBodies[0]) == kNumUops,
              "a uop without a body");

inline UopBody BodyOf(UopId op) { return kUopBodies[static_cast<int>(op)]; }

}  // namespace pyjit

#endif  // PYJIT_IR_UOP_BODY_TABLE_H_
