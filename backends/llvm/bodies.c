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

/* JUMP_TO_TOP in two halves, so that the call sits outside the loop: the
 * countdown in the loop (true when it ran out), the ask after the trace
 * wrote its frame back. A loop with no call in it is one LLVM can keep
 * memory in registers across (an iterator's index, a list's length). */
int pj_llvm_back_edge_counted_out(void) { return --pj_back_edges_until_ask == 0; }
int pj_llvm_leave_at_back_edge(void) { return pj_leave_at_back_edge(); }
