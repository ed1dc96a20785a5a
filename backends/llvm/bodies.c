/* The uop bodies, as LLVM bitcode for the llvm backend: clang-19 compiles
 * this file with -emit-llvm at build time, and each trace's module links
 * these functions in and inlines them, so that LLVM optimizes across uops.
 * The bodies themselves are ir/uop_bodies.h: this file only gives them
 * external names, plus helpers that set the frame's pc and follow an
 * exit's link. */
#include <stdint.h>

#include "ir/uop_bodies.h"
#include "runtime/exit_links.h"

#define PJ_LLVM_BODY(name, pops, pushes, kinds, flags)                                  \
  int pj_llvm_uop_##name(PjFrame* frame, PjValue** spp, int32_t oparg, uint64_t operand) { \
    return pj_uop_##name(frame, spp, oparg, operand);                                   \
  }
PJ_UOPS(PJ_LLVM_BODY)

/* Before a uop that escapes into the runtime: its pc, for tracebacks. */
void pj_llvm_set_pc(PjFrame* frame, int32_t pc) { frame->pc = pc; }

/* At a trace's exit: the code to tail-call, by runtime/exit_links.h's rule
 * (inlined, with `links` the trace's own table as a constant). */
PjTraceCode pj_llvm_follow_link(int64_t exit, const PjExitLink* links) {
  return pj_follow_exit_link(exit, links);
}
