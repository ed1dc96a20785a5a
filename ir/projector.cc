#include "ir/projector.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/builtins.h"
#include "runtime/tier2.h"

namespace pyjit {
namespace {

class Projector {
 public:
  explicit Projector(const ProjectionInput& in) : in_(in), code_(in.code) {}

  absl::StatusOr<Trace> Project() {
    trace_.function = code_->name;
    trace_.code = code_;
    trace_.loop_head = in_.loop_head;
    trace_.entry_depth = in_.entry_depth;
    depth_ = in_.entry_depth;
    EnterEntryCalls();
    int pc = in_.loop_head;
    while (pc >= 0) {
      if (OutOfRoom()) {
        Emit(UopId::EXIT_TRACE, pc, 0, 0, pc);
        break;
      }
      const int next = Step(pc);
      if (next < 0 && given_up_) {
        // Something an entry call's path cannot go on with (an unassigned
        // local, a call it cannot make from there): tier 1 runs it, in the
        // frames the exit rebuilds.
        given_up_ = false;
        Emit(UopId::EXIT_TRACE, pc, 0, 0, pc);
      }
      pc = next;
    }
    // A trace that leaves at once is not worth an executor.
    if (trace_.uops.size() == 1 && trace_.uops[0].op == UopId::EXIT_TRACE) {
      return absl::FailedPreconditionError(absl::StrCat(
          "nothing to trace at @", in_.loop_head, ": ", OpName(code_->code[in_.loop_head].op)));
    }
    return trace_;
  }
  int unrun_instructions() const { return unrun_; }

 private:
  bool OutOfRoom() const {
    return static_cast<int>(trace_.uops.size()) >= std::max(in_.max_uops, 16) - 8;
  }

  void Emit(UopId op, int pc, int32_t oparg = 0, uint64_t operand = 0, int exit_pc = -1) {
    // Inside a call this trace inlined the trace may not end: the call is
    // given up. (Inside its entry calls it may: their frames are rebuilt.)
    if (frame_ > trace_.entry_frame && (InfoOf(op).flags & PJ_F_TERMINAL)) {
      given_up_ = true;
      return;
    }
    trace_.uops.push_back(Uop{op, oparg, operand, pc, exit_pc, frame_});
    depth_ += UopPushes(op, oparg) - UopPops(op, oparg);
  }

  // The module at stack position `position` (0 the bottom) when the uop
  // that put it there is a LOAD_GLOBAL of a global that holds a module
  // now; else null. Uops after it must leave that position alone (a guard
  // that checks without moving may look at it).
  const void* ModuleFromGlobal(int position) const {
    int depth = depth_;  // after *u; position < depth throughout
    for (auto u = trace_.uops.rbegin(); u != trace_.uops.rend(); ++u) {
      const int pops = UopPops(u->op, u->oparg), pushes = UopPushes(u->op, u->oparg);
      if ((InfoOf(u->op).flags & PJ_F_GUARD) && pops == pushes) continue;  // checks only
      if (position >= depth - pushes) {  // *u left the value there
        if (u->op != UopId::LOAD_GLOBAL) return nullptr;
        const PjValue v = in_.globals[u->oparg];
        return v.tag == PJ_TAG_MODULE ? v.as.obj : nullptr;
      }
      depth += pops - pushes;  // below *u's results: untouched by it
    }
    return nullptr;
  }

  // The generic uop of an instruction whose feedback could have
  // specialized it; counted when tier 1 has not run it yet (no feedback).
  void EmitGeneric(UopId op, int pc, int32_t oparg = 0, uint64_t operand = 0,
                   int exit_pc = -1) {
    const TypeFeedback& fb = code_->feedback[pc];
    if (fb.left == 0 && fb.right == 0) ++unrun_;
    Emit(op, pc, oparg, operand, exit_pc);
  }

  static bool Only(uint16_t seen, uint16_t bit) { return seen == bit; }
  // A dict's key of one kind the dict uops guard for: a str or an int.
  static bool DictKey(const TypeFeedback& fb) {
    return Only(fb.left, kSeenDict) && (Only(fb.right, kSeenStr) || Only(fb.right, kSeenInt));
  }
  void EmitDictGuards(int pc, const TypeFeedback& fb) {
    Emit(UopId::GUARD_NOS_DICT, pc, 0, 0, pc);
    Emit(Only(fb.right, kSeenStr) ? UopId::GUARD_TOS_STR : UopId::GUARD_TOS_INT, pc, 0, 0, pc);
  }

  // The condition a conditional jump has seen more often lately (of the
  // last 16, or of all if fewer ran); on a tie, the one that falls through.
  static bool PredictedTruth(const TypeFeedback& fb, bool jump_on) {
    int seen = fb.history_length;
    int trues = __builtin_popcount(fb.history & ((1u << seen) - 1));
    return 2 * trues > seen ? true : 2 * trues < seen ? false : !jump_on;
  }

  // The specialized uop for `op` on two small ints, NOP when there is none.
  static UopId IntUop(BinaryOp op) {
    switch (op) {
      case BinaryOp::kAdd: return UopId::BINARY_OP_ADD_INT;
      case BinaryOp::kSub: return UopId::BINARY_OP_SUB_INT;
      case BinaryOp::kMul: return UopId::BINARY_OP_MUL_INT;
      case BinaryOp::kFloorDiv: return UopId::BINARY_OP_FLOORDIV_INT;
      case BinaryOp::kMod: return UopId::BINARY_OP_MOD_INT;
      case BinaryOp::kAnd: return UopId::BINARY_OP_AND_INT;
      case BinaryOp::kOr: return UopId::BINARY_OP_OR_INT;
      case BinaryOp::kXor: return UopId::BINARY_OP_XOR_INT;
      default: return UopId::NOP;
    }
  }

  // The uop for `op` on a small int and a float (`int_float`: the int
  // first), NOP when there is none.
  static UopId MixedFloatUop(BinaryOp op, bool int_float) {
    switch (op) {
      case BinaryOp::kAdd:
        return int_float ? UopId::BINARY_OP_ADD_INT_FLOAT : UopId::BINARY_OP_ADD_FLOAT_INT;
      case BinaryOp::kSub:
        return int_float ? UopId::BINARY_OP_SUB_INT_FLOAT : UopId::BINARY_OP_SUB_FLOAT_INT;
      case BinaryOp::kMul:
        return int_float ? UopId::BINARY_OP_MUL_INT_FLOAT : UopId::BINARY_OP_MUL_FLOAT_INT;
      case BinaryOp::kTrueDiv:
        return int_float ? UopId::BINARY_OP_TRUEDIV_INT_FLOAT : UopId::BINARY_OP_TRUEDIV_FLOAT_INT;
      default:
        return UopId::NOP;
    }
  }

  // Emits the uops of the instruction at pc; returns the next pc to
  // project, or -1 when the trace has ended.
  int Step(int pc) {
    const Instr& in = code_->code[pc];
    const TypeFeedback& fb = code_->feedback[pc];
    switch (in.op) {
      case Op::NOP:
        return pc + 1;
      case Op::LOAD_CONST: {
        PjValue c = code_->constants[in.arg];
        Emit(UopId::LOAD_CONST, pc, static_cast<int32_t>(c.tag), c.as.bits);
        return pc + 1;
      }
      case Op::LOAD_FAST:
        if (frame_ == 0) {
          Emit(UopId::LOAD_FAST, pc, in.arg, 0, pc);
        } else if (inlined_.back().bound[in.arg]) {
          Emit(UopId::COPY, pc, FromTop(in.arg));
        } else {  // tier 1 raises UnboundLocalError: not for a trace
          given_up_ = true;
          return -1;
        }
        return pc + 1;
      case Op::STORE_FAST:
        if (frame_ == 0) {
          Emit(UopId::STORE_FAST, pc, in.arg);
        } else {
          Emit(UopId::SWAP, pc, FromTop(in.arg));
          Emit(UopId::POP_TOP, pc);
          inlined_.back().bound[in.arg] = true;
        }
        return pc + 1;
      case Op::LOAD_GLOBAL: {
        PjValue builtin = (*in_.builtins)[in.arg];
        if (in_.globals[in.arg].tag == PJ_TAG_UNBOUND && builtin.tag == PJ_TAG_BUILTIN) {
          Emit(UopId::LOAD_GLOBAL_BUILTIN, pc, in.arg,
               static_cast<uint64_t>(reinterpret_cast<uintptr_t>(builtin.as.obj)), pc);
        } else {
          Emit(UopId::LOAD_GLOBAL, pc, in.arg, 0, pc);
        }
        return pc + 1;
      }
      // Code with cells is never inlined (CodeObject::PlainArgCount), so
      // its slots are the trace's own.
      case Op::LOAD_DEREF:
        if (frame_ != 0) break;
        Emit(UopId::LOAD_DEREF, pc, in.arg, 0, pc);
        return pc + 1;
      case Op::STORE_DEREF:
        if (frame_ != 0) break;
        Emit(UopId::STORE_DEREF, pc, in.arg);
        return pc + 1;
      case Op::STORE_GLOBAL:
        Emit(UopId::STORE_GLOBAL, pc, in.arg);
        return pc + 1;
      case Op::POP_TOP:
        Emit(UopId::POP_TOP, pc);
        return pc + 1;
      case Op::COPY:
        Emit(UopId::COPY, pc, in.arg);
        return pc + 1;
      case Op::SWAP:
        Emit(UopId::SWAP, pc, in.arg);
        return pc + 1;
      case Op::BINARY_OP: {
        auto op = static_cast<BinaryOp>(in.arg & ~kInplaceFlag);
        UopId int_uop = IntUop(op);
        if (Only(fb.left, kSeenInt) && Only(fb.right, kSeenInt) && int_uop != UopId::NOP) {
          Emit(UopId::GUARD_BOTH_INT, pc, 0, 0, pc);
          bool can_exit = InfoOf(int_uop).kinds & PJ_K_EXIT;
          Emit(int_uop, pc, 0, 0, can_exit ? pc : -1);
          return pc + 1;
        }
        if (Only(fb.left, kSeenFloat) && Only(fb.right, kSeenFloat) &&
            (op == BinaryOp::kAdd || op == BinaryOp::kSub || op == BinaryOp::kMul ||
             op == BinaryOp::kTrueDiv)) {
          Emit(UopId::GUARD_BOTH_FLOAT, pc, 0, 0, pc);
          if (op == BinaryOp::kTrueDiv) {
            Emit(UopId::BINARY_OP_TRUEDIV_FLOAT, pc, 0, 0, pc);
          } else {
            Emit(op == BinaryOp::kAdd   ? UopId::BINARY_OP_ADD_FLOAT
                 : op == BinaryOp::kSub ? UopId::BINARY_OP_SUB_FLOAT
                                        : UopId::BINARY_OP_MUL_FLOAT,
                 pc);
          }
          return pc + 1;
        }
        const bool int_float = Only(fb.left, kSeenInt) && Only(fb.right, kSeenFloat);
        const bool float_int = Only(fb.left, kSeenFloat) && Only(fb.right, kSeenInt);
        if (UopId mixed = MixedFloatUop(op, int_float); (int_float || float_int) &&
                                                         mixed != UopId::NOP) {
          Emit(int_float ? UopId::GUARD_INT_FLOAT : UopId::GUARD_FLOAT_INT, pc, 0, 0, pc);
          Emit(mixed, pc, 0, 0, (InfoOf(mixed).kinds & PJ_K_EXIT) ? pc : -1);
          return pc + 1;
        }
        EmitGeneric(UopId::BINARY_OP, pc, in.arg);
        return pc + 1;
      }
      case Op::UNARY_OP:
        if (static_cast<UnaryOp>(in.arg) == UnaryOp::kNegative && Only(fb.left, kSeenInt)) {
          Emit(UopId::GUARD_TOS_INT, pc, 0, 0, pc);
          Emit(UopId::UNARY_NEGATIVE_INT, pc, 0, 0, pc);
        } else if (static_cast<UnaryOp>(in.arg) == UnaryOp::kNegative &&
                   Only(fb.left, kSeenFloat)) {
          Emit(UopId::GUARD_TOS_FLOAT, pc, 0, 0, pc);
          Emit(UopId::UNARY_NEGATIVE_FLOAT, pc);
        } else {
          EmitGeneric(UopId::UNARY_OP, pc, in.arg);
        }
        return pc + 1;
      case Op::COMPARE_OP: {
        bool ordered = in.arg <= static_cast<int32_t>(CompareOp::kGe);
        if (ordered && Only(fb.left, kSeenInt) && Only(fb.right, kSeenInt)) {
          Emit(UopId::GUARD_BOTH_INT, pc, 0, 0, pc);
          Emit(UopId::COMPARE_INT, pc, in.arg);
        } else if (ordered && Only(fb.left, kSeenFloat) && Only(fb.right, kSeenFloat)) {
          Emit(UopId::GUARD_BOTH_FLOAT, pc, 0, 0, pc);
          Emit(UopId::COMPARE_FLOAT, pc, in.arg);
        } else {
          EmitGeneric(UopId::COMPARE_OP, pc, in.arg);
        }
        return pc + 1;
      }
      case Op::BINARY_SUBSCR:
        if (Only(fb.left, kSeenList) && Only(fb.right, kSeenInt)) {
          Emit(UopId::GUARD_NOS_LIST, pc, 0, 0, pc);
          Emit(UopId::GUARD_TOS_INT, pc, 0, 0, pc);
          Emit(UopId::BINARY_SUBSCR_LIST_INT, pc, 0, 0, pc);
        } else if (DictKey(fb)) {
          EmitDictGuards(pc, fb);
          Emit(UopId::BINARY_SUBSCR_DICT, pc);
        } else {
          EmitGeneric(UopId::BINARY_SUBSCR, pc);
        }
        return pc + 1;
      case Op::STORE_SUBSCR:  // stack: value, container, index
        if (Only(fb.left, kSeenList) && Only(fb.right, kSeenInt)) {
          Emit(UopId::GUARD_NOS_LIST, pc, 0, 0, pc);
          Emit(UopId::GUARD_TOS_INT, pc, 0, 0, pc);
          Emit(UopId::STORE_SUBSCR_LIST_INT, pc, 0, 0, pc);
        } else if (DictKey(fb)) {
          EmitDictGuards(pc, fb);
          Emit(UopId::STORE_SUBSCR_DICT, pc);
        } else {
          EmitGeneric(UopId::STORE_SUBSCR, pc);
        }
        return pc + 1;
      case Op::BINARY_SLICE:
        Emit(UopId::BINARY_SLICE, pc);
        return pc + 1;
      case Op::POP_JUMP_IF_FALSE:
      case Op::POP_JUMP_IF_TRUE: {
        if (fb.right == 0) break;  // never run: nothing to predict from
        bool jump_on = in.op == Op::POP_JUMP_IF_TRUE;
        bool predicted = PredictedTruth(fb, jump_on);
        bool jumps = predicted == jump_on;
        Emit(predicted ? UopId::GUARD_TRUE_POP : UopId::GUARD_FALSE_POP, pc, 0, 0,
             jumps ? pc + 1 : in.arg);
        return jumps ? in.arg : pc + 1;
      }
      case Op::JUMP_IF_FALSE_OR_POP:
      case Op::JUMP_IF_TRUE_OR_POP: {  // `x = a and b`: the value is kept on a jump
        if (fb.right == 0) break;
        bool jump_on = in.op == Op::JUMP_IF_TRUE_OR_POP;
        bool predicted = PredictedTruth(fb, jump_on);
        bool jumps = predicted == jump_on;
        // The guard tests a copy, so that when it fails tier 1 finds the
        // value where it was and runs this instruction again.
        Emit(UopId::COPY, pc, 1);
        Emit(predicted ? UopId::GUARD_TRUE_POP : UopId::GUARD_FALSE_POP, pc, 0, 0, pc);
        if (!jumps) Emit(UopId::POP_TOP, pc);
        return jumps ? in.arg : pc + 1;
      }
      case Op::JUMP_FORWARD:
        return in.arg;
      case Op::JUMP_BACKWARD:
        if (in.arg == in_.loop_head && !in_.ends_at_back_edges && frame_ == 0 &&
            trace_.entry_frame == 0) {
          Emit(UopId::JUMP_TO_TOP, pc, 0, 0, pc);
        } else {  // another loop's back edge: tier 1 enters that loop's trace
          Emit(UopId::EXIT_TRACE, pc, 0, 0, pc);
        }
        return -1;
      case Op::GET_ITER:
        Emit(UopId::GET_ITER, pc);
        return pc + 1;
      case Op::FOR_ITER:
        if (Only(fb.left, kSeenInt)) {
          Emit(UopId::GUARD_ITER_RANGE, pc, 0, 0, pc);
          Emit(UopId::ITER_NEXT_RANGE, pc, 0, 0, in.arg);
        } else if (Only(fb.left, kSeenList)) {
          Emit(UopId::GUARD_ITER_LIST, pc, 0, 0, pc);
          Emit(UopId::ITER_NEXT_LIST, pc, 0, 0, in.arg);
        } else {
          EmitGeneric(UopId::FOR_ITER, pc, 0, 0, in.arg);
        }
        return pc + 1;
      case Op::BUILD_LIST:
        Emit(UopId::BUILD_LIST, pc, in.arg);
        return pc + 1;
      case Op::BUILD_TUPLE:
        Emit(UopId::BUILD_TUPLE, pc, in.arg);
        return pc + 1;
      case Op::LIST_APPEND:
        Emit(UopId::LIST_APPEND, pc, in.arg);
        return pc + 1;
      case Op::BUILD_MAP:
        Emit(UopId::BUILD_MAP, pc, in.arg);
        return pc + 1;
      case Op::BUILD_SET:
        Emit(UopId::BUILD_SET, pc, in.arg);
        return pc + 1;
      case Op::SET_ADD:
        Emit(UopId::SET_ADD, pc, in.arg);
        return pc + 1;
      case Op::MAP_ADD:
        Emit(UopId::MAP_ADD, pc, in.arg);
        return pc + 1;
      case Op::DELETE_SUBSCR:
        Emit(UopId::DELETE_SUBSCR, pc);
        return pc + 1;
      case Op::BUILD_STRING:
        Emit(UopId::BUILD_STRING, pc, in.arg);
        return pc + 1;
      case Op::FORMAT_VALUE:
        Emit(UopId::FORMAT_VALUE, pc, in.arg);
        return pc + 1;
      case Op::UNPACK_SEQUENCE:
        Emit(UopId::UNPACK_SEQUENCE, pc, in.arg);
        return pc + 1;
      case Op::LOAD_ATTR: {
        int name = RootName(in.arg);
        if (name < 0) return -1;
        Emit(UopId::LOAD_ATTR, pc, name);
        return pc + 1;
      }
      case Op::CALL:
        return Call(pc, in, fb);
      case Op::CALL_METHOD:
        if (in.arg == 1 && Only(fb.left, kSeenList) && code_->names[in.arg2] == "append") {
          // xs.append(v) on a list, as a comprehension appends: no method
          // lookup by name, no call. Its value is None.
          Emit(UopId::GUARD_NOS_LIST, pc, 0, 0, pc);
          Emit(UopId::LIST_APPEND, pc, 1);
          Emit(UopId::POP_TOP, pc);
          Emit(UopId::LOAD_CONST, pc, PJ_TAG_NONE, 0);
          return pc + 1;
        }
        if (const void* module = ModuleFromGlobal(depth_ - in.arg - 1);
            module != nullptr && in.arg == 1) {
          // math.sqrt(x), sin, cos on a module read from a global: inline,
          // after a guard that it is still that module (a module's
          // methods never change).
          const PjValue receiver = pj_object(PJ_TAG_MODULE, static_cast<PjObject*>(
                                                                const_cast<void*>(module)));
          const PjValue* method = FindModuleAttribute(receiver, code_->names[in.arg2]);
          const int function = method != nullptr && method->tag == PJ_TAG_BUILTIN
                                   ? MathFunctionOf(method->as.obj)
                                   : -1;
          if (function >= 0) {
            Emit(UopId::GUARD_MODULE_IS, pc, in.arg,
                 static_cast<uint64_t>(reinterpret_cast<uintptr_t>(module)), pc);
            Emit(UopId::CALL_MATH_FLOAT, pc, function, 0, pc);
            return pc + 1;
          }
        }
        if (int name = RootName(in.arg2); name >= 0) {
          EmitGeneric(UopId::CALL_METHOD, pc, in.arg, static_cast<uint64_t>(name));
          return pc + 1;
        }
        return -1;
      case Op::RETURN_VALUE:
        if (frame_ != 0) return Return(pc);
        break;
      default:
        // CALL_KW, MAKE_FUNCTION, IMPORT_NAME and ASSERT_FAIL stay in tier 1,
        // and so does the return of the trace's own function.
        break;
    }
    Emit(UopId::EXIT_TRACE, pc, 0, 0, pc);
    return -1;
  }

  // --- Inlining (InlinedCall in trace.h) ---

  struct InlinedFrame {
    const CodeObject* code;
    int return_pc;            // in the caller: the instruction after the call
    std::vector<bool> bound;  // per local: assigned on the path traced so far
  };

  // A side trace from inside inlined calls starts in them: the innermost
  // callee's code, each call's locals assigned where the parent left them.
  void EnterEntryCalls() {
    for (const InlinedCall& call : in_.entry_calls) {
      trace_.inlined.push_back(call);
      InlinedFrame frame{call.code, call.call_pc + 1, std::vector<bool>(call.nlocals, false)};
      for (int j = 0; j < call.nlocals; ++j) {
        frame.bound[j] = in_.entry_stack[call.base + 1 + j].tag != PJ_TAG_UNBOUND;
      }
      inlined_.push_back(std::move(frame));
    }
    trace_.entry_frame = frame_ = static_cast<int32_t>(in_.entry_calls.size());
    if (frame_ != 0) code_ = in_.entry_calls.back().code;
  }

  // A local of the inlined call running now, as COPY and SWAP count: 1 is
  // the top.
  int32_t FromTop(int local) const {
    return depth_ - (trace_.inlined[frame_ - 1].base + 1 + local);
  }

  // An attribute or method name as the trace's own code numbers it (uops
  // name it there); gives up an inlined call whose code has a name the
  // trace's code lacks.
  int RootName(int32_t name) {
    if (frame_ == 0) return name;
    const std::vector<std::string>& names = trace_.code->names;
    auto it = std::find(names.begin(), names.end(), code_->names[name]);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    given_up_ = true;
    return -1;
  }

  // Whether the call at `pc` may be followed into `callee`: called with
  // exactly its parameters, not recursive, not too deep, not too big, and
  // not refused for leaving too often.
  bool MayInline(int pc, const Instr& in, const CodeObject* callee) const {
    if (callee->PlainArgCount() != in.arg || callee->nlocals() < in.arg) return false;
    if (static_cast<int>(inlined_.size()) >= PJ_MAX_INLINE_DEPTH) return false;
    if (!code_->inline_refused.empty() && code_->inline_refused[pc]) return false;
    if (callee == trace_.code) return false;
    for (const InlinedFrame& f : inlined_) {
      if (f.code == callee) return false;
    }
    int needs = trace_.code->nlocals() + depth_ + callee->nlocals() + callee->max_stack;
    return needs <= trace_.code->nslots() + kTraceScratchSlots;
  }

  // What the call's feedback says it always called, when that was one
  // callee with tag `tag`; else null.
  static const void* OneCallee(const TypeFeedback& fb, PjTag tag) {
    return fb.callee != kManyCallees && fb.callee_tag == tag ? fb.callee : nullptr;
  }

  int Call(int pc, const Instr& in, const TypeFeedback& fb) {
    if (fb.callee == nullptr) ++unrun_;  // nothing to inline by yet
    if (const void* function = OneCallee(fb, PJ_TAG_FUNCTION)) {
      const auto* callee = static_cast<const CodeObject*>(function);
      if (MayInline(pc, in, callee)) {
        if (int next = Inline(pc, in, callee); next >= 0) return next;
        if (frame_ != 0) {  // given up: so is the call around it
          given_up_ = true;
          return -1;
        }
      }
    }
    // len() and abs() of one argument run inline, after a guard that the
    // callee is that builtin; so does range() whose result GET_ITER takes
    // at once (`for x in range(...)`), which makes only the iterator.
    const void* builtin = OneCallee(fb, PJ_TAG_BUILTIN);
    if (builtin != nullptr && builtin == LookupBuiltin("range").as.obj && in.arg >= 1 &&
        in.arg <= 3 && pc + 1 < static_cast<int>(code_->code.size()) &&
        code_->code[pc + 1].op == Op::GET_ITER) {
      Emit(UopId::GUARD_CALLEE_BUILTIN, pc, in.arg,
           static_cast<uint64_t>(reinterpret_cast<uintptr_t>(builtin)), pc);
      Emit(UopId::CALL_RANGE_ITER, pc, in.arg, 0, pc);
      return pc + 2;
    }
    if (builtin != nullptr && in.arg == 1) {
      for (auto [name, uop] : {std::pair{"len", UopId::CALL_LEN}, std::pair{"abs", UopId::CALL_ABS}}) {
        if (builtin != LookupBuiltin(name).as.obj) continue;
        Emit(UopId::GUARD_CALLEE_BUILTIN, pc, in.arg,
             static_cast<uint64_t>(reinterpret_cast<uintptr_t>(builtin)), pc);
        Emit(uop, pc, 0, 0, pc);
        return pc + 1;
      }
    }
    // Compiled code may not call a Python function from inside an inlined
    // call: its frame would go where the inlined call keeps its values.
    if (frame_ != 0) {
      if (builtin == nullptr) {
        given_up_ = true;
        return -1;
      }
      Emit(UopId::GUARD_CALLEE_BUILTIN, pc, in.arg,
           static_cast<uint64_t>(reinterpret_cast<uintptr_t>(builtin)), pc);
    }
    // Python functions the projector does not follow are called (directly
    // into their own trace, once they have one).
    Emit(UopId::CALL, pc, in.arg);
    return pc + 1;
  }

  // Follows the call at `pc` into `callee` to its return: the pc after the
  // call, or -1 with the trace as it was before the call when the callee's
  // path cannot be inlined.
  int Inline(int pc, const Instr& in, const CodeObject* callee) {
    const size_t uops_before = trace_.uops.size();
    const size_t inlined_before = trace_.inlined.size();
    const size_t following_before = inlined_.size();
    const int depth_before = depth_, unrun_before = unrun_;
    const int caller_frame = frame_;
    const CodeObject* caller_code = code_;

    Emit(UopId::GUARD_CALLEE_CODE, pc, in.arg,
         static_cast<uint64_t>(reinterpret_cast<uintptr_t>(callee)), pc);
    InlinedCall call;
    call.function = callee->name;
    call.code = callee;
    call.caller = caller_frame;
    call.call_pc = pc;
    call.base = depth_ - in.arg - 1;
    call.nlocals = callee->nlocals();
    trace_.inlined.push_back(call);
    InlinedFrame frame{callee, pc + 1, std::vector<bool>(callee->nlocals(), false)};
    for (int j = 0; j < in.arg; ++j) frame.bound[j] = true;
    inlined_.push_back(std::move(frame));
    frame_ = static_cast<int32_t>(trace_.inlined.size());
    code_ = callee;
    const int32_t this_frame = frame_;
    // The callee's other locals start unbound, as in a new frame.
    for (int j = in.arg; j < callee->nlocals(); ++j) {
      Emit(UopId::LOAD_CONST, 0, PJ_TAG_UNBOUND, 0);
    }

    int at = 0;
    while (at >= 0 && frame_ == this_frame && !given_up_) {
      if (OutOfRoom()) given_up_ = true;
      else at = Step(at);
    }
    if (given_up_ || at < 0) {  // back to the call, which stays a call
      trace_.uops.resize(uops_before);
      trace_.inlined.resize(inlined_before);
      inlined_.resize(following_before);
      depth_ = depth_before;
      unrun_ = unrun_before;
      frame_ = caller_frame;
      code_ = caller_code;
      given_up_ = false;
      return -1;
    }
    return at;  // Return() has come back to the caller
  }

  // The inlined call's RETURN_VALUE: the result takes the callee's place
  // and everything above it goes; the caller goes on after its call.
  int Return(int pc) {
    const int32_t above = depth_ - trace_.inlined[frame_ - 1].base;  // result included
    if (above > 1) {
      Emit(UopId::SWAP, pc, above);
      for (int i = 1; i < above; ++i) Emit(UopId::POP_TOP, pc);
    }
    const InlinedFrame& done = inlined_.back();
    const int return_pc = done.return_pc;
    frame_ = trace_.inlined[frame_ - 1].caller;
    inlined_.pop_back();
    code_ = frame_ == 0 ? trace_.code : inlined_.back().code;
    return return_pc;
  }

  const ProjectionInput& in_;
  const CodeObject* code_;  // the code of the frame being projected
  Trace trace_;
  int unrun_ = 0;
  int depth_ = 0;        // the trace's stack depth after the last uop emitted
  int32_t frame_ = 0;    // Uop::frame of what is emitted now
  std::vector<InlinedFrame> inlined_;  // the calls being followed, outermost first
  bool given_up_ = false;  // the innermost call being followed cannot be inlined
};

}  // namespace

absl::StatusOr<Trace> ProjectTrace(const ProjectionInput& input, int* unrun_instructions) {
  Projector projector(input);
  absl::StatusOr<Trace> trace = projector.Project();
  if (unrun_instructions != nullptr) *unrun_instructions = projector.unrun_instructions();
  return trace;
}


}  // namespace pyjit
