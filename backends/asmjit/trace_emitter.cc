#include "backends/asmjit/trace_emitter.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "backends/asmjit/value_locations.h"
#include "ir/tag_facts.h"
#include "ir/uop_body_table.h"
#include "runtime/exit_links.h"

namespace pyjit::asmjit_backend {
namespace {

namespace x86 = asmjit::x86;


// How the emitter writes each uop, one line per uop in the table's order:
// a TraceEmitter helper that writes it inline, or CallBody, which calls the
// uop's C body (ir/uop_body_table.h). EmitUop's dispatch and EmittedInline
// are generated from this list; the static_assert below keeps it in step
// with PJ_UOPS, so a new uop cannot be forgotten here.
#define PJ_ASMJIT_EMITTERS(X)                  \
  X(NOP, EmitNop)                              \
  X(LOAD_FAST, EmitLoadFast)                   \
  X(LOAD_FAST_BOUND, EmitLoadFast)             \
  X(STORE_FAST, EmitStoreFast)                 \
  X(LOAD_DEREF, CallBody)                      \
  X(STORE_DEREF, CallBody)                     \
  X(LOAD_CONST, EmitLoadConst)                 \
  X(LOAD_GLOBAL, EmitLoadGlobal)               \
  X(LOAD_GLOBAL_BUILTIN, CallBody)             \
  X(STORE_GLOBAL, EmitStoreGlobal)             \
  X(POP_TOP, EmitPopTop)                       \
  X(COPY, EmitCopy)                            \
  X(SWAP, EmitSwap)                            \
  X(GUARD_BOTH_INT, EmitTypeGuard)             \
  X(GUARD_BOTH_FLOAT, EmitTypeGuard)           \
  X(GUARD_TOS_INT, EmitTypeGuard)              \
  X(GUARD_NOS_LIST, EmitTypeGuard)             \
  X(GUARD_NOS_DICT, EmitTypeGuard)             \
  X(GUARD_TOS_STR, EmitTypeGuard)              \
  X(GUARD_TOS_FLOAT, EmitTypeGuard)            \
  X(GUARD_FLOAT_INT, EmitTypeGuard)            \
  X(GUARD_INT_FLOAT, EmitTypeGuard)            \
  X(BINARY_OP_ADD_INT, EmitIntArithmetic)      \
  X(BINARY_OP_SUB_INT, EmitIntArithmetic)      \
  X(BINARY_OP_MUL_INT, EmitIntArithmetic)      \
  X(BINARY_OP_FLOORDIV_INT, EmitIntDivision)   \
  X(BINARY_OP_MOD_INT, EmitIntDivision)        \
  X(BINARY_OP_AND_INT, EmitIntArithmetic)      \
  X(BINARY_OP_OR_INT, EmitIntArithmetic)       \
  X(BINARY_OP_XOR_INT, EmitIntArithmetic)      \
  X(BINARY_OP_ADD_FLOAT, EmitFloatArithmetic)  \
  X(BINARY_OP_SUB_FLOAT, EmitFloatArithmetic)  \
  X(BINARY_OP_MUL_FLOAT, EmitFloatArithmetic)  \
  X(BINARY_OP_TRUEDIV_FLOAT, EmitFloatArithmetic) \
  X(BINARY_OP_ADD_FLOAT_INT, EmitFloatArithmetic) \
  X(BINARY_OP_SUB_FLOAT_INT, EmitFloatArithmetic) \
  X(BINARY_OP_MUL_FLOAT_INT, EmitFloatArithmetic) \
  X(BINARY_OP_TRUEDIV_FLOAT_INT, EmitFloatArithmetic) \
  X(BINARY_OP_ADD_INT_FLOAT, EmitFloatArithmetic) \
  X(BINARY_OP_SUB_INT_FLOAT, EmitFloatArithmetic) \
  X(BINARY_OP_MUL_INT_FLOAT, EmitFloatArithmetic) \
  X(BINARY_OP_TRUEDIV_INT_FLOAT, EmitFloatArithmetic) \
  X(UNARY_NEGATIVE_INT, EmitNegate)            \
  X(UNARY_NEGATIVE_FLOAT, EmitNegate)          \
  X(COMPARE_INT, EmitCompare)                  \
  X(COMPARE_FLOAT, EmitCompare)                \
  X(BINARY_SUBSCR_LIST_INT, EmitListItem)      \
  X(STORE_SUBSCR_LIST_INT, EmitListItem)       \
  X(BINARY_SUBSCR_DICT, CallBody)              \
  X(STORE_SUBSCR_DICT, CallBody)               \
  X(BINARY_OP, CallBody)                       \
  X(UNARY_OP, CallBody)                        \
  X(COMPARE_OP, CallBody)                      \
  X(BINARY_SUBSCR, CallBody)                   \
  X(STORE_SUBSCR, CallBody)                    \
  X(BINARY_SLICE, CallBody)                    \
  X(BUILD_LIST, CallBody)                      \
  X(BUILD_TUPLE, CallBody)                     \
  X(BUILD_STRING, CallBody)                    \
  X(BUILD_MAP, CallBody)                       \
  X(MAP_ADD, CallBody)                         \
  X(BUILD_SET, CallBody)                       \
  X(SET_ADD, CallBody)                         \
  X(DELETE_SUBSCR, CallBody)                   \
  X(FORMAT_VALUE, CallBody)                    \
  X(LIST_APPEND, CallBody)                     \
  X(UNPACK_SEQUENCE, CallBody)                 \
  X(LOAD_ATTR, CallBody)                       \
  X(GUARD_CALLEE_CODE, CallBody)               \
  X(GUARD_CALLEE_BUILTIN, CallBody)            \
  X(CALL_LEN, CallBody)                        \
  X(CALL_ABS, CallBody)                        \
  X(GUARD_MODULE_IS, CallBody)                 \
  X(CALL_MATH_FLOAT, CallBody)                 \
  X(CALL, CallBody)                            \
  X(CALL_RANGE_ITER, CallBody)                 \
  X(CALL_METHOD, CallBody)                     \
  X(GUARD_TRUE_POP, EmitBranch)                \
  X(GUARD_FALSE_POP, EmitBranch)               \
  X(GET_ITER, CallBody)                        \
  X(GUARD_ITER_RANGE, EmitTypeGuard)           \
  X(ITER_NEXT_RANGE, EmitRangeNext)            \
  X(GUARD_ITER_LIST, EmitTypeGuard)            \
  X(ITER_NEXT_LIST, CallBody)                  \
  X(FOR_ITER, CallBody)                        \
  X(JUMP_TO_TOP, EmitBackEdge)                 \
  X(EXIT_TRACE, EmitExitTrace)

constexpr UopId kEmitterOrder[] = {
#define PJ_ASMJIT_ORDER(name, helper) UopId::name,
    PJ_ASMJIT_EMITTERS(PJ_ASMJIT_ORDER)
#undef PJ_ASMJIT_ORDER
};
static_assert(ListsEveryUopInOrder(kEmitterOrder), "PJ_ASMJIT_EMITTERS must list every uop once, in PJ_UOPS order");

// The x86 instruction of each inline int and float operator.
x86::Inst::Id IntInstruction(UopId op) {
  switch (op) {
    case UopId::BINARY_OP_ADD_INT: return x86::Inst::kIdAdd;
    case UopId::BINARY_OP_SUB_INT: return x86::Inst::kIdSub;
    case UopId::BINARY_OP_MUL_INT: return x86::Inst::kIdImul;
    case UopId::BINARY_OP_AND_INT: return x86::Inst::kIdAnd;
    case UopId::BINARY_OP_OR_INT: return x86::Inst::kIdOr;
    case UopId::BINARY_OP_XOR_INT: return x86::Inst::kIdXor;
    default: return x86::Inst::kIdNone;  // not an inline int operator
  }
}
x86::Inst::Id FloatInstruction(UopId op) {
  switch (op) {
    case UopId::BINARY_OP_ADD_FLOAT: return x86::Inst::kIdAddsd;
    case UopId::BINARY_OP_SUB_FLOAT: return x86::Inst::kIdSubsd;
    case UopId::BINARY_OP_MUL_FLOAT: return x86::Inst::kIdMulsd;
    case UopId::BINARY_OP_TRUEDIV_FLOAT: return x86::Inst::kIdDivsd;
    default: return x86::Inst::kIdNone;  // not an inline float operator
  }
}

// The ordering comparisons (runtime/order_compares.h) as x86 conditions:
// after `cmp a, b` for ints; after ucomisd for floats, of (b, a) when
// `swap`.
const x86::CondCode kIntConditions[] = {
#define PJ_INT_CC(name, op, icc, swap, fcc, mir) x86::CondCode::k##icc,
    PJ_ORDER_COMPARES(PJ_INT_CC)
#undef PJ_INT_CC
};
struct FloatCondition {
  bool swap;
  x86::CondCode cc;
};
const FloatCondition kFloatConditions[] = {
#define PJ_FLOAT_CC(name, op, icc, swap, fcc, mir) {swap != 0, x86::CondCode::k##fcc},
    PJ_ORDER_COMPARES(PJ_FLOAT_CC)
#undef PJ_FLOAT_CC
};

class TraceEmitter : private ValueLocations {
 public:
  TraceEmitter(const Trace& trace, const EmitOptions& options,
               const PjExitLink* exit_links, x86::Assembler& a)
      : ValueLocations(trace, a), options_(options), exit_links_(exit_links) {}

  absl::Status Emit(std::vector<size_t>* offsets, EmitStats* stats) {
    offsets_ = offsets;
    offsets_->assign(trace_.uops.size(), 0);
    ChooseLocalRegisters();
    stats->locals_in_registers = static_cast<int>(home_locals_.size());
    // Emitted the first iteration twice itself (the optimizer had not).
    stats->peeled = !home_locals_.empty() && trace_.loop_start == 0;

    text_ = a_.code()->textSection();
    if (a_.code()->newSection(&cold_, ".cold", SIZE_MAX, asmjit::SectionFlags::kExecutable,
                              1) != asmjit::kErrorOk) {
      return absl::InternalError("asmjit: no cold section");
    }
    epilogue_ = a_.newLabel();
    leave_with_sp_ = a_.newLabel();
    loop_top_ = a_.newLabel();
    // Prologue: all callee-saved registers (the locals may use any), and
    // 8 bytes that realign the stack for calls and hold the stack pointer
    // the bodies take by address.
    for (const x86::Gp& r : {x86::rbx, x86::rbp, x86::r12, x86::r13, x86::r14, x86::r15}) {
      a_.push(r);
    }
    a_.sub(x86::rsp, 8);
    a_.mov(x86::rbx, x86::rdi);
    if (options_.inject_error) a_.emit(x86::Inst::kIdMov, x86::eax, x86::rax);

    const size_t n = trace_.uops.size(), body = static_cast<size_t>(trace_.loop_start);
    if (!home_locals_.empty()) {
      // The first iteration, with nothing known and every local in memory:
      // the uops the optimizer peeled (before loop_start) or, when it did
      // not, one pass over the whole trace, whose back edge checks in as
      // any other. Then the locals' registers are loaded and the loop
      // (the steady pass) follows.
      if (absl::Status s = EmitPass(/*steady=*/false, 0, body > 0 ? body : n); !s.ok()) return s;
      if (body > 0) {
        if (absl::Status s = FallIntoLoop(); !s.ok()) return s;
      }
      if (absl::Status s = EmitPass(/*steady=*/true, body, n); !s.ok()) return s;
    } else {
      if (absl::Status s = EmitPass(/*steady=*/true, 0, n); !s.ok()) return s;
    }
    offsets_->push_back(a_.offset());  // the uops' code ends here

    a_.bind(leave_with_sp_);
    a_.mov(x86::rcx, x86::ptr(x86::rsp));
    a_.sub(x86::rcx, x86::rbx);
    a_.sub(x86::rcx, kSlots + kValue * nlocals_);
    a_.shr(x86::rcx, 4);
    a_.mov(x86::dword_ptr(x86::rbx, offsetof(PjFrame, stack_depth)), x86::ecx);
    a_.bind(epilogue_);
    EmitFollowLink();
    EmitRestore();
    a_.ret();
    return absl::OkStatus();
  }

 private:
  // rax: the result. Goes on into the trace linked at this exit, if
  // runtime/exit_links.h's rule names one (a tail call with the frame),
  // else falls through with rax as it was. pj_exit_link_target's loads
  // and pj_follow_exit_link's stores, written out: keep them in step.
  void EmitFollowLink() {
    if (exit_links_ == nullptr) return;
    asmjit::Label none = a_.newLabel(), jump = a_.newLabel();
    const x86::Gp link = x86::rdx, next = x86::rcx, state = x86::rsi;
    a_.test(x86::rax, x86::rax);
    a_.js(none);
    a_.mov(state, reinterpret_cast<uint64_t>(&pj_link_state));
    a_.cmp(x86::qword_ptr(state, offsetof(PjLinkState, running)), 0);
    a_.je(none);
    a_.imul(link, x86::rax, sizeof(PjExitLink));
    a_.mov(x86::r8, reinterpret_cast<uint64_t>(exit_links_));
    a_.add(link, x86::r8);
    a_.mov(next, x86::qword_ptr(link, offsetof(PjExitLink, linked)));
    a_.test(next, next);
    a_.jz(none);
    a_.mov(next, x86::qword_ptr(next));
    a_.test(next, next);
    a_.jz(none);
    a_.cmp(x86::byte_ptr(link, offsetof(PjExitLink, at_back_edge)), 0);
    a_.je(jump);
    a_.mov(x86::rdi, x86::qword_ptr(state, offsetof(PjLinkState, gc_allocated)));
    a_.mov(x86::rdi, x86::qword_ptr(x86::rdi));
    a_.mov(x86::r8, x86::qword_ptr(state, offsetof(PjLinkState, gc_threshold)));
    a_.cmp(x86::rdi, x86::qword_ptr(x86::r8));
    a_.jae(none);  // tier 1 collects at the back edge
    a_.bind(jump);
    a_.mov(x86::qword_ptr(state, offsetof(PjLinkState, running)), next);
    a_.inc(x86::qword_ptr(state, offsetof(PjLinkState, followed)));
    a_.mov(x86::rdi, x86::rbx);
    EmitRestore();
    a_.jmp(x86::qword_ptr(next));  // a DirectTrace's first member: its code
    a_.bind(none);
  }

  // Undoes the prologue.
  void EmitRestore() {
    a_.add(x86::rsp, 8);
    for (const x86::Gp& r : {x86::r15, x86::r14, x86::r13, x86::r12, x86::rbp, x86::rbx}) {
      a_.pop(r);
    }
  }

  // --- choosing the loop's register locals -------------------------------

  void ChooseLocalRegisters() {
    locals_.assign(nlocals_, LocalHome{});
    stored_.assign(nlocals_, false);
    if (!trace_.Loops()) return;
    head_ = LoopHeadFacts(trace_);
    if (!options_.register_locals) return;
    std::vector<int> uses(nlocals_, 0);
    for (const Uop& u : trace_.uops) {
      if (InfoOf(u.op).oparg == OpargKind::kLocal) ++uses[u.oparg];
      if (u.op == UopId::STORE_FAST) stored_[u.oparg] = true;
    }
    std::vector<int> candidates;
    for (int i = 0; i < nlocals_; ++i) {
      if (head_.local(i) != kUnknownTag && uses[i] > 0) candidates.push_back(i);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](int x, int y) { return uses[x] > uses[y]; });
    const size_t n = std::min(candidates.size(), std::size(kLocalRegs));
    for (size_t j = 0; j < n; ++j) {
      home_locals_.push_back(candidates[j]);
      locals_[candidates[j]].reg = kLocalRegs[j];
    }
  }

  // --- one pass over the trace --------------------------------------------

  // Uops [from, to). The steady pass binds the loop's top at loop_start.
  absl::Status EmitPass(bool steady, size_t from, size_t to) {
    steady_ = steady;
    facts_ = TagFacts(nlocals_, trace_.entry_depth);
    stack_.assign(trace_.entry_depth, Location{});
    for (LocalHome& h : locals_) h.in_reg = h.dirty = false;
    for (size_t i = from; i < to; ++i) {
      if (steady_ && i == static_cast<size_t>(trace_.loop_start)) StartLoop();
      // A uop emitted twice (the unpeeled first iteration, then the loop)
      // is listed where the loop has it: the steady pass comes last.
      (*offsets_)[i] = a_.offset();
      // asmjit formats a comment even with no logger to take it.
      if (a_.logger() != nullptr) {
        a_.commentf("uop %zu %s @%d", i, InfoOf(trace_.uops[i].op).name, trace_.uops[i].pc);
      }
      absl::StatusOr<size_t> consumed = EmitUop(i);
      if (!consumed.ok()) return consumed.status();
      i += *consumed - 1;
      if (static_cast<int>(stack_.size()) != facts_.depth()) {
        return absl::InternalError(absl::StrCat("asmjit emitter: stack model out of step at uop ", i));
      }
    }
    return absl::OkStatus();
  }

  // The loop's top, where the back edge comes: the stack below the trace
  // in the frame, and a register local that the loop stores maybe newer
  // in its register than in its slot (the back edge does not write it
  // back). When it is reached only from a first iteration and from the
  // back edge (a peeled trace, or register locals), what holds there is
  // LoopHeadFacts; when tier 1 enters there too, nothing is known.
  void StartLoop() {
    for (int k = 0; k < static_cast<int>(stack_.size()); ++k) Materialize(k);
    stack_.assign(trace_.entry_depth, Location{});
    if (trace_.loop_start > 0 || !home_locals_.empty()) facts_ = head_;
    for (int i = 0; i < nlocals_; ++i) {
      LocalHome& h = locals_[i];
      h.in_reg = h.reg >= 0;
      h.dirty = h.in_reg && stored_[i];
    }
    a_.bind(loop_top_);
  }

  // The first iteration is over, everything in the frame: load the
  // register locals (their tags are what the loop assumes).
  absl::Status FallIntoLoop() {
    for (int k = 0; k < static_cast<int>(stack_.size()); ++k) Materialize(k);
    for (int l : home_locals_) {
      if (head_.local(l) != facts_.local(l)) {
        return absl::InternalError("asmjit emitter: the first iteration broke a loop fact");
      }
      a_.mov(Reg(locals_[l].reg), SlotMem(l, 1));
    }
    return absl::OkStatus();
  }

  // --- the uops -------------------------------------------------------------------

  // Emits uop `i` (and a uop it fuses with); returns how many it consumed.
  // The table of contents: one line per uop (PJ_ASMJIT_EMITTERS).
  absl::StatusOr<size_t> EmitUop(size_t i) {
    switch (trace_.uops[i].op) {
#define PJ_ASMJIT_DISPATCH(name, helper) \
  case UopId::name:                      \
    return helper(i);
      PJ_ASMJIT_EMITTERS(PJ_ASMJIT_DISPATCH)
#undef PJ_ASMJIT_DISPATCH
    }
    return absl::InternalError("asmjit emitter: not a uop");
  }

  // Any uop: its C body, on the flushed frame.
  absl::StatusOr<size_t> CallBody(size_t i) {
    EmitCall(i);
    return 1;
  }

  absl::StatusOr<size_t> EmitNop(size_t) { return 1; }

  absl::StatusOr<size_t> EmitLoadFast(size_t i) {
    const Uop& u = trace_.uops[i];
    if (u.op == UopId::LOAD_FAST && !facts_.bound(u.oparg)) {
      a_.cmp(SlotMem(u.oparg, 0), PJ_TAG_UNBOUND);  // tier 1 raises
      a_.je(Exit(i));
    }
    Location l;
    l.where = Where::kLocal;
    l.local = u.oparg;
    facts_.Apply(u);
    Push(l);
    return 1;
  }

  absl::StatusOr<size_t> EmitStoreFast(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    for (int k = 0; k < d; ++k) {
      if (stack_[k].where == Where::kLocal && stack_[k].local == u.oparg) Unpin(k);
    }
    LocalHome& h = locals_[u.oparg];
    if (h.reg >= 0 && steady_ && KnownTag(d - 1) != kUnknownTag) {
      // The tag stays a fact (TagFacts::Apply), the payload in the register.
      LoadPayload(Reg(h.reg), d - 1);
      h.in_reg = true;
      h.dirty = true;
    } else {
      StoreValue(facts_, stack_, locals_, d - 1, SlotMem(u.oparg, 0), SlotMem(u.oparg, 1));
      h.in_reg = false;
      h.dirty = false;
    }
    Finish(u, 1);
    return 1;
  }

  absl::StatusOr<size_t> EmitLoadConst(size_t i) {
    const Uop& u = trace_.uops[i];
    Location l;
    l.where = Where::kConst;
    l.payload = u.operand;
    facts_.Apply(u);
    Push(l);
    return 1;
  }

  absl::StatusOr<size_t> EmitPopTop(size_t i) {
    Finish(trace_.uops[i], 1);
    return 1;
  }

  absl::StatusOr<size_t> EmitCopy(size_t i) {
    const Uop& u = trace_.uops[i];
    const int src = static_cast<int>(stack_.size()) - u.oparg;
    if (stack_[src].where == Where::kSlot) Unpin(src);
    Location l = stack_[src];
    if (l.where == Where::kReg) {
      x86::Gp payload = Alloc();
      a_.mov(payload, Reg(l.reg));
      l.reg = payload.id();
      if (facts_.at(src).tag == kUnknownTag) {
        x86::Gp tag = Alloc(Mask(payload));
        a_.mov(tag, Reg(l.tag_reg));
        l.tag_reg = tag.id();
      } else {
        l.tag_reg = -1;
      }
    }
    facts_.Apply(u);
    Push(l);
    return 1;
  }

  absl::StatusOr<size_t> EmitSwap(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    const int other = d - u.oparg;
    if (stack_[d - 1].where == Where::kSlot) Unpin(d - 1);
    if (stack_[other].where == Where::kSlot) Unpin(other);
    std::swap(stack_[d - 1], stack_[other]);
    facts_.Apply(u);
    return 1;
  }

  // The guards on tags: what each checks is the table's (PJ_UOP_TYPE_FACTS),
  // and a check the facts already prove is not emitted (GuardTag).
  absl::StatusOr<size_t> EmitTypeGuard(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    const UopTypeFacts& f = TypeFactsOf(u.op);
    if (f.top != kUnknownTag) GuardTag(i, d - 1, f.top);
    if (f.second != kUnknownTag) GuardTag(i, d - 2, f.second);
    facts_.Apply(u);
    return 1;
  }

  absl::StatusOr<size_t> EmitIntArithmetic(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    // Into a fresh register: on overflow the inputs must be intact, as
    // tier 1 redoes the operation with big ints.
    x86::Gp r = Alloc();
    LoadPayload(r, d - 2);
    asmjit::Operand b = PayloadOperand(d - 1);
    a_.emit(IntInstruction(u.op), r, b);
    if (InfoOf(u.op).flags & PJ_F_EXIT) a_.jo(Exit(i));
    Finish(u, 2);
    Push(InReg(r));
    return 1;
  }

  // // and % of two small ints, as runtime/fast_paths.h's PJ_FAST_FLOORDIV
  // and PJ_FAST_MOD compute them (so that the two cannot disagree, the
  // conformance test runs both): idiv truncates, Python floors, so a
  // nonzero remainder whose sign differs from the divisor's moves the
  // quotient down by one and the remainder by the divisor. Exits, inputs
  // intact, on a zero divisor and on INT64_MIN // -1 (a big int); x % -1
  // is 0 without idiv, which would trap on INT64_MIN.
  absl::StatusOr<size_t> EmitIntDivision(size_t i) {
    const Uop& u = trace_.uops[i];
    const bool floordiv = u.op == UopId::BINARY_OP_FLOORDIV_INT;
    const int d = static_cast<int>(stack_.size());
    // idiv divides rdx:rax: what the stack keeps there goes to its slot.
    Evict(x86::Gp::kIdAx);
    Evict(x86::Gp::kIdDx);
    const x86::Gp b = Alloc(Mask(x86::rax) | Mask(x86::rdx));
    LoadPayload(b, d - 1);
    LoadPayload(x86::rax, d - 2);
    a_.test(b, b);
    a_.jz(Exit(i));
    asmjit::Label divide = a_.newLabel(), done = a_.newLabel();
    a_.cmp(b, -1);
    a_.jne(divide);
    if (floordiv) {
      a_.mov(kScratch, INT64_MIN);
      a_.cmp(x86::rax, kScratch);
      a_.je(Exit(i));
      a_.neg(x86::rax);
    } else {
      a_.xor_(x86::edx, x86::edx);
    }
    a_.jmp(done);
    a_.bind(divide);
    a_.cqo();
    a_.idiv(b);
    a_.test(x86::rdx, x86::rdx);
    a_.jz(done);
    a_.mov(kScratch, x86::rdx);
    a_.xor_(kScratch, b);
    a_.jns(done);
    a_.dec(x86::rax);
    a_.add(x86::rdx, b);
    a_.bind(done);
    Finish(u, 2);
    Push(InReg(floordiv ? x86::rax : x86::rdx));
    return 1;
  }

  absl::StatusOr<size_t> EmitFloatArithmetic(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    x86::Gp r = Alloc();
    // A mixed uop converts its int operand (PJ_UOP_MIXED_FLOAT).
    const FloatOperands f = FloatOperandsOf(u.op);
    LoadFloatOperand(x86::xmm0, d - 2, f.int_side == 2);
    LoadFloatOperand(x86::xmm1, d - 1, f.int_side == 1);
    if (f.float_op == UopId::BINARY_OP_TRUEDIV_FLOAT) {
      asmjit::Label nonzero = a_.newLabel();
      a_.xorpd(x86::xmm2, x86::xmm2);
      a_.ucomisd(x86::xmm1, x86::xmm2);
      a_.jp(nonzero);  // NaN divides
      a_.je(Exit(i));  // +-0.0: tier 1 raises ZeroDivisionError
      a_.bind(nonzero);
    }
    a_.emit(FloatInstruction(f.float_op), x86::xmm0, x86::xmm1);
    a_.movq(r, x86::xmm0);
    Finish(u, 2);
    Push(InReg(r));
    return 1;
  }

  void LoadFloatOperand(const x86::Xmm& dst, int k, bool is_int) {
    if (!is_int) return LoadXmm(dst, k);
    a_.xorps(dst, dst);  // cvtsi2sd writes only the low half
    asmjit::Operand src = PayloadOperand(k);
    if (src.isMem()) {
      a_.cvtsi2sd(dst, src.as<x86::Mem>());
    } else if (src.isReg()) {
      a_.cvtsi2sd(dst, src.as<x86::Gp>());
    } else {
      a_.mov(kScratch, src.as<asmjit::Imm>());
      a_.cvtsi2sd(dst, kScratch);
    }
  }

  // -x of an int (INT64_MIN exits: tier 1 makes a big int) or a float
  // (the sign bit flipped), into a fresh register: an exit leaves x intact.
  absl::StatusOr<size_t> EmitNegate(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    x86::Gp r = Alloc();
    LoadPayload(r, d - 1);
    if (u.op == UopId::UNARY_NEGATIVE_INT) {
      a_.neg(r);
      a_.jo(Exit(i));
    } else {
      a_.btc(r, 63);
    }
    Finish(u, 1);
    Push(InReg(r));
    return 1;
  }

  absl::StatusOr<size_t> EmitListItem(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    // list[index], Python's negative indexes included; out of range exits
    // (tier 1 raises IndexError).
    const bool load = u.op == UopId::BINARY_SUBSCR_LIST_INT;
    const int list = d - 2, index = d - 1;
    x86::Gp item = Alloc();
    x86::Gp tag = load ? Alloc(Mask(item)) : x86::Gp();
    LoadPayload(item, index);
    x86::Gp l = PointerPayload(list);
    asmjit::Label in_range = a_.newLabel();
    a_.test(item, item);
    a_.jns(in_range);
    a_.add(item, x86::qword_ptr(l, offsetof(PjList, size)));
    a_.bind(in_range);
    a_.cmp(item, x86::qword_ptr(l, offsetof(PjList, size)));
    a_.jae(Exit(i));  // unsigned: a still-negative index too
    a_.shl(item, 4);
    a_.add(item, x86::qword_ptr(l, offsetof(PjList, items)));
    if (load) {
      a_.mov(tag, x86::qword_ptr(item));
      a_.mov(item, x86::qword_ptr(item, 8));
      Finish(u, 2);
      Push(InReg(item, tag.id()));
    } else {
      StoreValue(facts_, stack_, locals_, d - 3, x86::qword_ptr(item), x86::qword_ptr(item, 8));
      Finish(u, 3);
    }
    return 1;
  }

  absl::StatusOr<size_t> EmitRangeNext(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    x86::Gp value = Alloc();
    x86::Gp next = Alloc(Mask(value));
    x86::Gp it = PointerPayload(d - 1);  // the PjRangeIter
    a_.cmp(x86::qword_ptr(it, offsetof(PjRangeIter, remaining)), 0);
    a_.jle(Exit(i, 1));  // exhausted: the iterator is popped
    a_.dec(x86::qword_ptr(it, offsetof(PjRangeIter, remaining)));
    a_.mov(value, x86::qword_ptr(it, offsetof(PjRangeIter, next)));
    a_.mov(next, value);
    a_.add(next, x86::qword_ptr(it, offsetof(PjRangeIter, step)));
    a_.mov(x86::qword_ptr(it, offsetof(PjRangeIter, next)), next);
    facts_.Apply(u);
    Push(InReg(value));
    return 1;
  }

  absl::StatusOr<size_t> EmitLoadGlobal(size_t i) {
    const Uop& u = trace_.uops[i];
    x86::Gp tag = Alloc();
    x86::Gp payload = Alloc(Mask(tag));
    a_.mov(kScratch, x86::qword_ptr(x86::rbx, offsetof(PjFrame, globals)));
    a_.mov(tag, x86::qword_ptr(kScratch, kValue * u.oparg));
    a_.test(tag, tag);  // unbound: tier 1 looks at the builtins
    a_.jz(Exit(i));
    a_.mov(payload, x86::qword_ptr(kScratch, kValue * u.oparg + 8));
    facts_.Apply(u);
    Push(InReg(payload, tag.id()));
    return 1;
  }

  absl::StatusOr<size_t> EmitStoreGlobal(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    x86::Gp globals = Alloc();
    a_.mov(globals, x86::qword_ptr(x86::rbx, offsetof(PjFrame, globals)));
    StoreValue(facts_, stack_, locals_, d - 1, x86::qword_ptr(globals, kValue * u.oparg),
               x86::qword_ptr(globals, kValue * u.oparg + 8));
    Finish(u, 1);
    return 1;
  }

  absl::StatusOr<size_t> EmitExitTrace(size_t i) {
    a_.jmp(Exit(i));
    return 1;
  }

  // The pointer payload of entry `k` in a register: its own, or the scratch
  // register. Call after the uop's allocations.
  x86::Gp PointerPayload(int k) {
    if (stack_[k].where == Where::kReg) return Reg(stack_[k].reg);
    a_.emit(x86::Inst::kIdMov, kScratch, PayloadOperand(k));
    return kScratch;
  }

  // COMPARE_INT/FLOAT; fused with a branch right after it into one
  // compare-and-jump, the bool never made.
  absl::StatusOr<size_t> EmitCompare(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    const bool fused = FusesWithBranch(trace_, i);
    if (u.oparg < 0 || u.oparg >= PJ_ORDER_COUNT) {
      return absl::InternalError(absl::StrCat("asmjit emitter: compare oparg ", u.oparg));
    }
    if (u.op == UopId::COMPARE_FLOAT && !fused) {
      EmitCall(i);
      return 1;
    }
    const bool exit_if_true = fused && trace_.uops[i + 1].op == UopId::GUARD_FALSE_POP;
    if (u.op == UopId::COMPARE_INT) {
      x86::Gp a = Alloc();
      asmjit::Operand left = a;
      if (fused && stack_[d - 2].where != Where::kConst) left = PayloadOperand(d - 2);
      asmjit::Operand right = PayloadOperand(d - 1);
      if (left == a || (left.isMem() && right.isMem())) {
        LoadPayload(a, d - 2);
        left = a;
      }
      a_.emit(x86::Inst::kIdCmp, left, right);
      x86::CondCode cc = kIntConditions[u.oparg];
      if (!fused) {
        a_.set(cc, a.r8());
        a_.movzx(a.r32(), a.r8());
        Finish(u, 2);
        Push(InReg(a));
        return 1;
      }
      (*offsets_)[i + 1] = a_.offset();
      a_.j(exit_if_true ? cc : x86::negateCond(cc), Exit(i + 1, 2));
    } else {
      // ucomisd leaves "unordered" (a NaN) as ZF=PF=CF=1 (see kFloatConditions).
      LoadXmm(x86::xmm0, d - 2);
      LoadXmm(x86::xmm1, d - 1);
      const FloatCondition& fc = kFloatConditions[u.oparg];
      if (fc.swap) {
        a_.ucomisd(x86::xmm1, x86::xmm0);
      } else {
        a_.ucomisd(x86::xmm0, x86::xmm1);
      }
      (*offsets_)[i + 1] = a_.offset();
      asmjit::Label exit = Exit(i + 1, 2);
      if (fc.cc == x86::CondCode::kE || fc.cc == x86::CondCode::kNE) {
        // == holds when ZF=1 and PF=0.
        const bool exit_if_equal = (fc.cc == x86::CondCode::kE) == exit_if_true;
        if (exit_if_equal) {
          asmjit::Label stay = a_.newLabel();
          a_.jp(stay);
          a_.je(exit);
          a_.bind(stay);
        } else {
          a_.jp(exit);
          a_.jne(exit);
        }
      } else {
        a_.j(exit_if_true ? fc.cc : x86::negateCond(fc.cc), exit);
      }
    }
    Finish(u, 2);
    stack_.push_back(Location{});  // the bool the branch pops
    Finish(trace_.uops[i + 1], 1);
    return 2;
  }

  absl::StatusOr<size_t> EmitBranch(size_t i) {
    const Uop& u = trace_.uops[i];
    const int d = static_cast<int>(stack_.size());
    const bool on_true = u.op == UopId::GUARD_TRUE_POP;  // stays when true
    const int tag = KnownTag(d - 1);
    if (tag == PJ_TAG_BOOL || tag == PJ_TAG_INT) {
      const Location& l = stack_[d - 1];
      if (l.where == Where::kConst) {
        if ((l.payload != 0) != on_true) a_.jmp(Exit(i, 1));
      } else {
        asmjit::Operand v = PayloadOperand(d - 1);
        if (v.isReg()) {
          a_.test(v.as<x86::Gp>(), v.as<x86::Gp>());
        } else {
          a_.cmp(v.as<x86::Mem>(), 0);
        }
        if (on_true) {
          a_.je(Exit(i, 1));
        } else {
          a_.jne(Exit(i, 1));
        }
      }
      Finish(u, 1);
      return 1;
    }
    // Not known to be a bool or an int: test for one inline, as the body's
    // pj_condition (ir/uop_bodies.h) does, and ask the body (pj_truthy)
    // otherwise. Both paths start from the flushed frame.
    Flush();
    asmjit::Label slow = a_.newLabel(), done = a_.newLabel(), payload = a_.newLabel();
    a_.cmp(StackMem(d - 1, 0), PJ_TAG_BOOL);
    a_.je(payload);
    a_.cmp(StackMem(d - 1, 0), PJ_TAG_INT);
    a_.jne(slow);
    a_.bind(payload);
    a_.cmp(StackMem(d - 1, 1), 0);
    if (on_true) {
      a_.je(Exit(i, 1));
    } else {
      a_.jne(Exit(i, 1));
    }
    a_.jmp(done);
    a_.bind(slow);
    EmitBodyCall(i);
    a_.bind(done);
    Finish(u, 1);
    return 1;
  }

  // The end of the loop: every stack value to its slot, every register
  // local back in its register, the collector's chance, and round again.
  absl::StatusOr<size_t> EmitBackEdge(size_t i) {
    for (int k = 0; k < static_cast<int>(stack_.size()); ++k) Materialize(k);
    if (steady_) {
      for (int l : home_locals_) {
        if (facts_.local(l) != head_.local(l)) {
          return absl::InternalError("asmjit emitter: a register local changed its tag");
        }
        if (!locals_[l].in_reg) {
          a_.mov(Reg(locals_[l].reg), SlotMem(l, 1));
          locals_[l].in_reg = true;
          locals_[l].dirty = false;
        }
      }
    }
    // Ask only when the countdown runs out (pj_back_edges_until_ask).
    asmjit::Label go_on = a_.newLabel();
    a_.mov(x86::rax, reinterpret_cast<uint64_t>(&pj_back_edges_until_ask));
    a_.dec(x86::qword_ptr(x86::rax));
    a_.jnz(go_on);
    a_.mov(x86::rax, reinterpret_cast<uint64_t>(&pj_leave_at_back_edge));
    a_.call(x86::rax);
    a_.test(x86::eax, x86::eax);
    a_.jnz(Exit(i));  // to the back edge: tier 1 collects there
    a_.bind(go_on);
    if (steady_) {
      a_.jmp(loop_top_);
      return 1;
    }
    if (absl::Status s = FallIntoLoop(); !s.ok()) return s;
    return 1;
  }

  const EmitOptions& options_;
  const PjExitLink* exit_links_;
};

}  // namespace

absl::Status EmitTrace(const Trace& trace, const EmitOptions& options,
                       const PjExitLink* exit_links, asmjit::x86::Assembler& assembler,
                       std::vector<size_t>* uop_offsets, EmitStats* stats) {
  if (trace.code == nullptr) return absl::InvalidArgumentError("asmjit: a trace without code");
  TraceEmitter emitter(trace, options, exit_links, assembler);
  return emitter.Emit(uop_offsets, stats);
}

bool EmittedInline(UopId op) {
  switch (op) {
#define PJ_ASMJIT_INLINE(name, helper) \
  case UopId::name:                    \
    return std::string_view(#helper) != "CallBody";
    PJ_ASMJIT_EMITTERS(PJ_ASMJIT_INLINE)
#undef PJ_ASMJIT_INLINE
  }
  return false;
}

bool HasSlowPath(UopId op) { return BodyOf(op) != nullptr; }

}  // namespace pyjit::asmjit_backend
