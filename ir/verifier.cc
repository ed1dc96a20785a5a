#include "ir/verifier.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/ops.h"
#include "runtime/tier2.h"

namespace pyjit {

namespace {

// The oparg within what its kind allows (PJ_UOP_OPARGS in uop_table.h);
// `depth` is the stack depth before the uop.
absl::Status CheckOparg(const Uop& u, OpargKind kind, const CodeObject& code, int depth) {
  const int32_t a = u.oparg;
  auto below = [&](int32_t limit, const char* what) {
    return a < limit ? absl::OkStatus()
                     : absl::OutOfRangeError(absl::StrCat("oparg ", a, " is not ", what));
  };
  switch (kind) {
    case OpargKind::kNone:
      return absl::OkStatus();
    case OpargKind::kLocal:
      return below(code.nlocals(), "a local of the code");
    case OpargKind::kTag:
      return below(PJ_TAG_COUNT, "a value tag");
    case OpargKind::kGlobal:
    case OpargKind::kCount:
      return absl::OkStatus();  // not negative, checked above; counts by the stack
    case OpargKind::kStackDepth:
      if (a < 1) return absl::OutOfRangeError("a stack depth starts at 1");
      return below(depth + 1, "within the stack");
    case OpargKind::kOrderCompare:
      return below(PJ_ORDER_COUNT, "one of the six ordering comparisons");
    case OpargKind::kBinaryOp:
      return (a & ~kInplaceFlag) <= static_cast<int32_t>(BinaryOp::kXor)
                 ? absl::OkStatus()
                 : absl::OutOfRangeError(absl::StrCat("oparg ", a, " is not a binary operator"));
    case OpargKind::kUnaryOp:
      return below(static_cast<int32_t>(UnaryOp::kInvert) + 1, "a unary operator");
    case OpargKind::kCompareOp:
      return below(static_cast<int32_t>(CompareOp::kNotIn) + 1, "a comparison");
    case OpargKind::kName:
      return below(static_cast<int32_t>(code.names.size()), "a name of the code");
    case OpargKind::kMathFunction:
      return below(PJ_MATH_COUNT, "a math function (runtime/ops.h: PjMathFunction)");
    case OpargKind::kFormatFlags:
      return below(PJ_FORMAT_HAS_SPEC * 2, "a conversion and spec flag (runtime/ops.h: PjFormatFlags)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status VerifyTrace(const Trace& trace, const CodeObject& code) {
  // Per frame (0 the trace's own, k inlined[k - 1]): its code, tier 1's
  // stack depths in it, and where its stack starts on the trace's stack.
  struct FrameFacts {
    const CodeObject* code;
    std::vector<int> tier1;
    int stack_base;
  };
  std::vector<FrameFacts> frames;
  frames.push_back({&code, StackDepths(code), 0});
  for (size_t k = 0; k < trace.inlined.size(); ++k) {
    const InlinedCall& c = trace.inlined[k];
    auto bad = [&](const std::string& message) {
      return absl::FailedPreconditionError(
          absl::StrCat("inlined call ", k + 1, " (", c.function, "): ", message));
    };
    if (c.code == nullptr) return bad("its code is unknown");
    if (c.caller < 0 || c.caller > static_cast<int32_t>(k)) return bad("not called from an earlier frame");
    if (c.nlocals != c.code->nlocals()) return bad("nlocals is not its code's");
    const FrameFacts& caller = frames[c.caller];
    if (c.call_pc < 0 || c.call_pc >= static_cast<int>(caller.code->code.size()) ||
        caller.code->code[c.call_pc].op != Op::CALL) {
      return bad("call is not a CALL of its caller");
    }
    // The callee and its arguments are where tier 1 has them at the call.
    const int at_call = caller.tier1[c.call_pc];
    if (at_call < 0 || caller.stack_base + at_call - caller.code->code[c.call_pc].arg - 1 != c.base) {
      return bad(absl::StrCat("base ", c.base, " is not where the caller's call has its callee"));
    }
    frames.push_back({c.code, StackDepths(*c.code), c.stack_base()});
  }
  auto fail = [&](size_t i, const std::string& message) {
    const Uop& u = trace.uops[i];
    return absl::FailedPreconditionError(
        absl::StrCat("uop ", i, " (", InfoOf(u.op).name, " @", u.pc, "): ", message));
  };
  if (trace.uops.empty()) return absl::FailedPreconditionError("empty trace");
  if (trace.entry_frame < 0 || trace.entry_frame >= static_cast<int32_t>(frames.size())) {
    return absl::FailedPreconditionError("the entry frame is not an inlined call");
  }
  const FrameFacts& entry = frames[trace.entry_frame];
  if (trace.loop_head < 0 || trace.loop_head >= static_cast<int>(entry.code->code.size()) ||
      entry.tier1[trace.loop_head] != trace.entry_depth - entry.stack_base) {
    return absl::FailedPreconditionError(
        absl::StrCat("entry depth ", trace.entry_depth, " is not tier 1's at @",
                     trace.loop_head));
  }
  if (trace.loop_start != 0 &&
      (trace.loop_start < 0 || trace.loop_start >= static_cast<int32_t>(trace.uops.size()) ||
       !trace.Loops())) {
    return absl::FailedPreconditionError(
        absl::StrCat("loop start ", trace.loop_start, " is not a uop of a trace that loops"));
  }
  int depth = trace.entry_depth;
  for (size_t i = 0; i < trace.uops.size(); ++i) {
    const Uop& u = trace.uops[i];
    // The loop's body starts where the trace did: the same frame and depth.
    if (trace.loop_start != 0 && i == static_cast<size_t>(trace.loop_start) &&
        (depth != trace.entry_depth || u.frame != 0)) {
      return fail(i, absl::StrCat("starts the loop with stack depth ", depth, ", entered with ",
                                  trace.entry_depth));
    }
    if (static_cast<int>(u.op) < 0 || static_cast<int>(u.op) >= kNumUops) {
      return fail(i, "not a uop");
    }
    const UopInfo& info = InfoOf(u.op);
    if (u.frame < 0 || u.frame >= static_cast<int32_t>(frames.size())) {
      return fail(i, "in a frame the trace does not inline");
    }
    const FrameFacts& in = frames[u.frame];
    const int ncode = static_cast<int>(in.code->code.size());
    if (u.pc < 0 || u.pc >= ncode) return fail(i, "pc outside the code");
    if (u.frame != 0 && info.oparg == OpargKind::kLocal) {
      return fail(i, "an inlined call's locals are stack values (COPY, SWAP)");
    }
    if (!(info.kinds & PJ_K_OPARG) && u.oparg != 0) return fail(i, "has an oparg it does not take");
    if (!(info.kinds & PJ_K_OPERAND) && u.operand != 0) {
      return fail(i, "has an operand it does not take");
    }
    if ((info.kinds & PJ_K_OPARG) && u.oparg < 0) return fail(i, "negative oparg");
    if (absl::Status s = CheckOparg(u, info.oparg, code, depth); !s.ok()) {
      return fail(i, std::string(s.message()));
    }
    int pops = UopPops(u.op, u.oparg);
    if (depth < pops) return fail(i, absl::StrCat("pops ", pops, " from a stack of ", depth));
    if (info.kinds & PJ_K_EXIT) {
      if (u.exit_pc < 0 || u.exit_pc >= ncode) return fail(i, "exit target outside the code");
      int exit_depth = ExitDepth(u, depth) - in.stack_base;
      if (in.tier1[u.exit_pc] != exit_depth) {
        return fail(i, absl::StrCat("exits with stack depth ", exit_depth, " to @", u.exit_pc,
                                    " where tier 1 has ", in.tier1[u.exit_pc]));
      }
    } else if (u.exit_pc != -1) {
      return fail(i, "has an exit target it cannot take");
    }
    depth += UopPushes(u.op, u.oparg) - pops;
    if (depth - in.stack_base > in.code->max_stack) return fail(i, "overflows the frame's stack");
    if (code.nlocals() + depth > code.nslots() + kTraceScratchSlots) {
      return fail(i, "inlines more than the frame stack keeps room for");
    }
    bool last = i + 1 == trace.uops.size();
    if (((info.flags & PJ_F_TERMINAL) != 0) != last) {
      return fail(i, last ? "the trace must end in JUMP_TO_TOP or EXIT_TRACE"
                          : "a terminal uop before the end");
    }
    if (u.op == UopId::JUMP_TO_TOP &&
        (depth != trace.entry_depth || u.frame != 0 || trace.entry_frame != 0)) {
      return fail(i, absl::StrCat("loops with stack depth ", depth, ", entered with ",
                                  trace.entry_depth));
    }
  }
  return absl::OkStatus();
}

}  // namespace pyjit
