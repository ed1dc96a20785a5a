// A trace: the unit of tier-2 code. A linear superblock of uops from a loop
// head, with guards that leave it through side exits, ending in JUMP_TO_TOP
// or EXIT_TRACE. It has a text form (PrintTrace / ParseTrace) that reads
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
  kBinaryOp, kUnaryOp, kCompareOp, kName,
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

  bool operator==(const Uop& o) const {
    return op == o.op && oparg == o.oparg && operand == o.operand && pc == o.pc &&
           exit_pc == o.exit_pc;
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
  std::vector<Uop> uops;

  bool operator==(const Trace& o) const {
    return function == o.function && loop_head == o.loop_head &&
           entry_depth == o.entry_depth && uops == o.uops;
  }
};

// Whether uop `i` of `trace` is a comparison the next uop branches on,
// which the machine-code backends compile as one compare-and-jump.
bool FusesWithBranch(const Trace& trace, size_t i);

// The text form: a header, one uop per line, `end`. Comments after `#`
// (the printer explains constants there) are ignored by the parser.
std::string PrintTrace(const Trace& trace);
// Errors are "line:col: message".
absl::StatusOr<Trace> ParseTrace(absl::string_view text);

}  // namespace pyjit

#endif  // PYJIT_IR_TRACE_H_
