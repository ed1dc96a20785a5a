// A trace: the unit of tier-2 code. A linear superblock of uops from a loop
// head, with guards that leave it through side exits, ending in JUMP_TO_TOP
// (back to `loop_start`) or EXIT_TRACE. It has a text form (PrintTrace / ParseTrace) that reads
// back to the identical trace.
#ifndef PYJIT_IR_TRACE_H_
#define PYJIT_IR_TRACE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ir/uop_table.h"
#include "runtime/code.h"

namespace pyjit {

enum class UopId : int32_t {
#define PJ_UOP_ENUM(name, pops, pushes, kinds, flags) name,
  PJ_UOPS(PJ_UOP_ENUM)
#undef PJ_UOP_ENUM
};
constexpr int kNumUops = 0
#define PJ_UOP_COUNT(name, pops, pushes, kinds, flags) +1
    PJ_UOPS(PJ_UOP_COUNT)
#undef PJ_UOP_COUNT
    ;

// What an oparg means (PJ_UOP_OPARGS in uop_table.h); kNone for a uop
// that takes none.
enum class OpargKind {
  kNone, kLocal, kTag, kGlobal, kStackDepth, kCount, kOrderCompare,
  kBinaryOp, kUnaryOp, kCompareOp, kName, kMathFunction, kFormatFlags,
};

// Whether `order` names every uop once, in the table's order: for the
// per-backend emitter lists (a static_assert in each), so that a new uop
// cannot be left out of one.
template <size_t N>
constexpr bool ListsEveryUopInOrder(const UopId (&order)[N]) {
  if (N != static_cast<size_t>(kNumUops)) return false;
  for (size_t i = 0; i < N; ++i) {
    if (order[i] != static_cast<UopId>(i)) return false;
  }
  return true;
}

struct UopInfo {
  const char* name;
  int kinds;  // PJ_K_*
  int flags;  // PJ_F_*
  OpargKind oparg;
};
const UopInfo& InfoOf(UopId op);
// Stack inputs and outputs for a given oparg.
int UopPops(UopId op, int32_t oparg);
int UopPushes(UopId op, int32_t oparg);

struct Uop {
  UopId op = UopId::NOP;
  int32_t oparg = 0;
  uint64_t operand = 0;
  int32_t pc = 0;        // the bytecode instruction it came from
  int32_t exit_pc = -1;  // where tier 1 resumes if it exits; -1 if it cannot
  // Whose code `pc` and `exit_pc` are in: 0 the trace's own function, k the
  // call Trace::inlined[k - 1].
  int32_t frame = 0;

  bool operator==(const Uop& o) const {
    return op == o.op && oparg == o.oparg && operand == o.operand && pc == o.pc &&
           exit_pc == o.exit_pc && frame == o.frame;
  }
};

// A call the projector followed into its callee instead of emitting CALL.
// The callee's frame exists only as values on the trace's own stack: the
// callee object at stack depth `base` stands where its frame will be, its
// locals (parameters first) are the `nlocals` values above it, and its own
// stack is above those. Its locals are read and written with COPY and SWAP,
// so a backend needs to know nothing of inlining: to every backend these
// are stack values. Only an exit inside the call needs the frames: the
// executor rebuilds them from the stack (RebuildInlinedFrames) so that
// tier 1 resumes in the callee as if it had made the call itself.
struct InlinedCall {
  std::string function;              // the callee's name, for people
  const CodeObject* code = nullptr;  // null for a trace parsed from text
  int32_t caller = 0;   // the frame the call is in (Uop::frame's numbering)
  int32_t call_pc = 0;  // the CALL instruction, in the caller's code
  int32_t base = 0;     // stack depth of the callee value
  int32_t nlocals = 0;

  // Stack depth of the callee's own stack (its depth 0).
  int32_t stack_base() const { return base + 1 + nlocals; }
  bool operator==(const InlinedCall& o) const {
    return function == o.function && caller == o.caller && call_pc == o.call_pc &&
           base == o.base && nlocals == o.nlocals;
  }
};

// The stack depth tier 1 resumes with when `u` exits from a stack
// `depth_before` deep: one less when it pops its input first
// (PJ_F_EXIT_POP).
int ExitDepth(const Uop& u, int depth_before);

struct Trace {
  std::string function;  // the code object's name, for people
  const CodeObject* code = nullptr;  // null for a trace parsed from text
  int32_t loop_head = 0;
  int32_t entry_depth = 0;  // tier-1 stack depth at the loop head
  // The frame `loop_head` is in: 0, or for a side trace that starts inside
  // calls its parent trace inlined, the innermost of them (the first
  // `entry_frame` of `inlined`, entered before the trace starts: the stack
  // holds their values, entry_depth counts them).
  int32_t entry_frame = 0;
  std::vector<InlinedCall> inlined;
  std::vector<Uop> uops;
  // Where JUMP_TO_TOP goes: the first uop of the loop body. 0 unless the
  // optimizer peeled the loop (ir/loop_peeling.h): then uops before it
  // are the first iteration, run once on entry, and the body after it is
  // compiled knowing what that iteration proved. The text form marks it
  // with a `loop:` line.
  int32_t loop_start = 0;

  // A trace loops when it ends in JUMP_TO_TOP (the other way to end is
  // EXIT_TRACE).
  bool Loops() const { return !uops.empty() && uops.back().op == UopId::JUMP_TO_TOP; }

  // The code a uop's pcs are in (null for a trace parsed from text).
  const CodeObject* CodeOf(const Uop& u) const {
    return u.frame == 0 ? code : inlined[u.frame - 1].code;
  }
  bool operator==(const Trace& o) const {
    return function == o.function && loop_head == o.loop_head &&
           entry_depth == o.entry_depth && entry_frame == o.entry_frame &&
           inlined == o.inlined && uops == o.uops && loop_start == o.loop_start;
  }
};

// The calls of `trace` that frame `frame` is inside, outermost first and
// numbered from 1 again (each one's caller the one before): where a side
// trace from an exit in that frame starts (Trace::entry_frame).
std::vector<InlinedCall> InlinedCallChain(const Trace& trace, int32_t frame);

// The deepest the trace's stack gets, in values above its locals: what a
// backend that keeps the stack in registers or a shadow must hold (beyond
// the code's own max_stack when the trace inlines calls).
int MaxStackDepth(const Trace& trace);

// Whether uop `i` of `trace` is a comparison the next uop branches on,
// which the machine-code backends compile as one compare-and-jump.
bool FusesWithBranch(const Trace& trace, size_t i);

// What a float arithmetic uop computes: the plain float uop, and which
// operand is a small int converted first (1 the top, 2 the second, 0
// none), from PJ_UOP_MIXED_FLOAT, for the backends that emit these inline.
struct FloatOperands {
  UopId float_op;
  int int_side;
};
FloatOperands FloatOperandsOf(UopId op);

// The text form: a header, one uop per line, `end`. Comments after `#`
// (the printer explains constants there) are ignored by the parser.
std::string PrintTrace(const Trace& trace);
// Errors are "line:col: message".
absl::StatusOr<Trace> ParseTrace(absl::string_view text);

}  // namespace pyjit

#endif  // PYJIT_IR_TRACE_H_
