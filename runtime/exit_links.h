/* How a trace's code goes on, at an exit, into the trace linked there: the
 * one rule, in C so that every consumer can include it. RunLinked
 * (runtime/tier2.h) applies it to code that returns; copy_and_patch's
 * trampoline and llvm's bitcode inline it into every trace's exit; asmjit
 * emits the same loads by hand (trace_emitter.cc's EmitFollowLink), so
 * a change here is a change there. */
#ifndef PYJIT_RUNTIME_EXIT_LINKS_H_
#define PYJIT_RUNTIME_EXIT_LINKS_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A trace's machine code, entered as a C function: >= 0 the uop it left
 * at, < 0 the uop that raised (Executor::Execute's contract). */
typedef int64_t (*PjTraceCode)(PjFrame* frame);

/* One exit of a trace (one per uop; tier 2 fills them in). */
typedef struct PjExitLink {
  /* Where tier 2 publishes the trace that goes on here (a DirectTrace,
   * whose first member is its PjTraceCode): null, nowhere; pointing at
   * null, nothing there now. Never set at a return. */
  const void* const* linked;
  uint8_t returns;      /* resumes at the function's RETURN_VALUE */
  uint8_t at_back_edge; /* resumes at a JUMP_BACKWARD: tier 1 collects there */
} PjExitLink;

/* What the rule reads and writes besides the exit's link; one per process
 * (the runtime is single-threaded). */
typedef struct PjLinkState {
  /* The trace RunLinked runs now, the last one handed on to: null while
   * no link may be followed (outside RunLinked; Executor::Run). */
  const void* running;
  uint64_t followed; /* links followed since the process started */
  /* The heap's collection_due(), as *gc_allocated >= *gc_threshold. */
  const size_t* gc_allocated;
  const size_t* gc_threshold;
} PjLinkState;

extern PjLinkState pj_link_state;

/* The rule: the trace that goes on after leaving at `exit` (a uop index;
 * < 0, an error) of the trace whose links are `links`, or null when the
 * code returns `exit` instead. Changes nothing. */
static inline const void* pj_exit_link_target(int64_t exit, const PjExitLink* links) {
  if (exit < 0 || pj_link_state.running == NULL) return NULL;
  const PjExitLink* link = &links[exit];
  if (link->linked == NULL) return NULL;
  const void* next = *link->linked;
  if (next == NULL) return NULL;
  if (link->at_back_edge && *pj_link_state.gc_allocated >= *pj_link_state.gc_threshold) {
    return NULL;
  }
  return next;
}

/* For code at its exit: the code to tail-call with the same frame, or
 * null to return `exit`. Records the trace handed on to as the running
 * one, and counts the link. */
static inline PjTraceCode pj_follow_exit_link(int64_t exit, const PjExitLink* links) {
  const void* next = pj_exit_link_target(exit, links);
  if (next == NULL) return NULL;
  pj_link_state.running = next;
  ++pj_link_state.followed;
  return *(const PjTraceCode*)next;
}

/* The same, out of line: for code that calls the rule rather than inline
 * it (llvm at -O0, which inlines nothing). */
PjTraceCode pj_follow_link(int64_t exit, const PjExitLink* links);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYJIT_RUNTIME_EXIT_LINKS_H_ */
