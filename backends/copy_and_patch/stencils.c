/* The copy-and-patch stencils: every uop's body from ir/uop_bodies.h (never a
 * second copy), wrapped in a function that clang-19 compiles to position-
 * patchable machine code. The stencil generator (stencil_generator.cc) reads
 * the object file and turns each pj_stencil_<NAME> into a table entry: code
 * bytes plus holes.
 *
 * Holes are the addresses of the undefined _JIT_* symbols below: the
 * patcher writes the uop's oparg, operand, origin pc and index, the trace's
 * local count, and the addresses of the next stencil, of the trace's top and
 * of its exit links.
 * In the medium code model with all data "large" (BUILD), a continuation is
 * `jmp _JIT_CONTINUE` with a 32-bit displacement, which the patcher points
 * at the next stencil or leaves out when that stencil follows; every other
 * hole is a 64-bit absolute address.
 *
 * Stencils chain with tail calls in the preserve_none convention, so `frame`
 * and `sp` stay in registers from uop to uop and nothing is saved between
 * them; only the trampoline (normal C convention) saves registers, once per
 * trace entry. An exit or error returns straight to the trampoline. */
#include <stdint.h>

#include "ir/uop_bodies.h"
#include "runtime/exit_links.h"

#define PJ_CONV __attribute__((preserve_none))

extern char _JIT_OPARG[], _JIT_OPERAND[], _JIT_PC[], _JIT_INDEX[], _JIT_NLOCALS[];
extern const PjExitLink _JIT_EXIT_LINKS[];
extern int64_t PJ_CONV _JIT_CONTINUE(PjFrame* frame, PjValue* sp);
extern int64_t PJ_CONV _JIT_TOP(PjFrame* frame, PjValue* sp);

#define PJ_HOLE(symbol) ((intptr_t)(symbol))

/* Enters the trace (whose first stencil is _JIT_CONTINUE) from C++, and at
 * an exit goes on into the trace linked there, if runtime/exit_links.h's
 * rule names one (_JIT_EXIT_LINKS: the trace's table), with a tail call. */
int64_t pj_stencil_trampoline(PjFrame* frame) {
  PjValue* sp = frame->slots + PJ_HOLE(_JIT_NLOCALS) + frame->stack_depth;
  int64_t r = _JIT_CONTINUE(frame, sp);
  PjTraceCode next = pj_follow_exit_link(r, _JIT_EXIT_LINKS);
  if (next != NULL) __attribute__((musttail)) return next(frame);
  return r;
}

#define PJ_STENCIL(name, pops, pushes, kinds, flags)                                    \
  int64_t PJ_CONV pj_stencil_##name(PjFrame* frame, PjValue* sp) {                      \
    if ((flags) & PJ_F_ESCAPES) frame->pc = (int32_t)PJ_HOLE(_JIT_PC);                   \
    int r = pj_uop_##name(frame, &sp, (int32_t)PJ_HOLE(_JIT_OPARG),                     \
                          (uint64_t)PJ_HOLE(_JIT_OPERAND));                             \
    if (r == PJ_UOP_NEXT) __attribute__((musttail)) return _JIT_CONTINUE(frame, sp);    \
    if (r == PJ_UOP_LOOP) __attribute__((musttail)) return _JIT_TOP(frame, sp);         \
    frame->stack_depth = (int32_t)(sp - frame->slots - PJ_HOLE(_JIT_NLOCALS));           \
    return r == PJ_UOP_EXIT ? (int64_t)PJ_HOLE(_JIT_INDEX) : -1 - (int64_t)PJ_HOLE(_JIT_INDEX); \
  }
PJ_UOPS(PJ_STENCIL)
