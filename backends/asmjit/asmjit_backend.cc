// The asmjit backend: x86-64 written by the program itself, uop by uop, in
// the style of Cinder's JIT. The hot uops (locals, constants, int guards and
// arithmetic, branches on bools, range iteration, the loop edge) are emitted
// inline; every other uop, and the rare paths of some, call the uop's C body
// (ir/uop_bodies.h), so that semantics have one definition.
//
// Registers across the whole trace: rbx holds the frame and r12 the value
// stack pointer, so no uop reloads them; the bodies take the stack pointer
// by address, in a slot at [rsp], written before and read after each call.
// asmjit's Assembler writes the code into a CodeHolder; the bytes are then
// copied into our own W^X block (backends/code_memory.h).
#include <asmjit/x86.h>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/backend.h"
#include "backends/code_memory.h"
#include "backends/machine_code_executor.h"
#include "backends/registry.h"
#include "ir/uop_bodies.h"

namespace pyjit::asmjit_backend {
namespace {

namespace x86 = asmjit::x86;
using Clock = std::chrono::steady_clock;

using UopBody = int (*)(PjFrame*, PjValue**, int32_t, uint64_t);

// The C body of every uop, from the table: the slow path of any uop.
const UopBody kBodies[] = {
#define PJ_UOP_BODY(name, pops, pushes, kinds, flags) &pj_uop_##name,
    PJ_UOPS(PJ_UOP_BODY)
#undef PJ_UOP_BODY
};

constexpr int32_t kSlots = offsetof(PjFrame, slots);
constexpr int32_t kValue = sizeof(PjValue);

// asmjit reports errors through a handler; we keep the first.
class ErrorCollector : public asmjit::ErrorHandler {
 public:
  void handleError(asmjit::Error err, const char* message, asmjit::BaseEmitter*) override {
    if (error == asmjit::kErrorOk) {
      error = err;
      text = message;
    }
  }
  asmjit::Error error = asmjit::kErrorOk;
  std::string text;
};

class TraceEmitter {
 public:
  TraceEmitter(const Trace& trace, x86::Assembler& a) : trace_(trace), a_(a) {}

  void Emit() {
    const size_t n = trace_.uops.size();
    for (size_t i = 0; i < n; ++i) {
      uop_labels_.push_back(a_.newLabel());
      exit_labels_.push_back(a_.newLabel());
      error_labels_.push_back(a_.newLabel());
      returned_labels_.push_back(a_.newLabel());
    }
    leave_ = a_.newLabel();
    // Prologue: callee-saved registers, and 16 bytes for the stack-pointer
    // slot that keeps calls 16-byte aligned.
    a_.push(x86::rbx);
    a_.push(x86::r12);
    a_.push(x86::r13);
    a_.sub(x86::rsp, 16);
    a_.mov(x86::rbx, x86::rdi);
    a_.lea(x86::r12, Slot(trace_.code->nlocals() + trace_.entry_depth));
    for (size_t i = 0; i < n; ++i) {
      a_.bind(uop_labels_[i]);
      offsets_.push_back(a_.offset());
      a_.commentf("uop %zu %s @%d", i, InfoOf(trace_.uops[i].op).name, trace_.uops[i].pc);
      EmitUop(i);
    }
    // Out of line: what each body's result means, then the ways out.
    for (size_t i = 0; i < n; ++i) {
      a_.bind(returned_labels_[i]);  // eax: the body's result, not NEXT
      a_.cmp(x86::eax, PJ_UOP_LOOP);
      a_.je(uop_labels_[0]);
      a_.cmp(x86::eax, PJ_UOP_EXIT);
      a_.je(exit_labels_[i]);
      a_.jmp(error_labels_[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      a_.bind(exit_labels_[i]);
      a_.mov(x86::rax, static_cast<int64_t>(i));
      a_.jmp(leave_);
      a_.bind(error_labels_[i]);
      a_.mov(x86::rax, -1 - static_cast<int64_t>(i));
      a_.jmp(leave_);
    }
    // Leave: the stack depth back into the frame, then return rax.
    a_.bind(leave_);
    a_.mov(x86::rcx, x86::r12);
    a_.sub(x86::rcx, x86::rbx);
    a_.sub(x86::rcx, kSlots + kValue * trace_.code->nlocals());
    a_.shr(x86::rcx, 4);
    a_.mov(x86::dword_ptr(x86::rbx, offsetof(PjFrame, stack_depth)), x86::ecx);
    a_.add(x86::rsp, 16);
    a_.pop(x86::r13);
    a_.pop(x86::r12);
    a_.pop(x86::rbx);
    a_.ret();
  }

  const std::vector<size_t>& offsets() const { return offsets_; }

 private:
  // Local or stack slot `index` of the frame (locals first).
  x86::Mem Slot(int index, int word = 0) const {
    return x86::qword_ptr(x86::rbx, kSlots + kValue * index + 8 * word);
  }
  // The stack value `depth` below the top (1 = top); word 0 the tag, 1 the payload.
  x86::Mem Stack(int depth, int word) const {
    return x86::qword_ptr(x86::r12, -kValue * depth + 8 * word);
  }

  // The uop through its C body; its result decides where to go.
  void EmitCall(size_t i) {
    const Uop& u = trace_.uops[i];
    if (InfoOf(u.op).flags & PJ_F_ESCAPES) {
      a_.mov(x86::dword_ptr(x86::rbx, offsetof(PjFrame, pc)), u.pc);
    }
    a_.mov(x86::ptr(x86::rsp), x86::r12);
    a_.mov(x86::rdi, x86::rbx);
    a_.mov(x86::rsi, x86::rsp);
    a_.mov(x86::edx, u.oparg);
    a_.mov(x86::rcx, u.operand);
    a_.mov(x86::rax, reinterpret_cast<uint64_t>(kBodies[static_cast<int>(u.op)]));
    a_.call(x86::rax);
    a_.mov(x86::r12, x86::ptr(x86::rsp));
    a_.test(x86::eax, x86::eax);
    a_.jnz(returned_labels_[i]);
  }

  void EmitUop(size_t i) {
    const Uop& u = trace_.uops[i];
    asmjit::Label exit = exit_labels_[i];
    switch (u.op) {
      case UopId::NOP:
        return;
      case UopId::LOAD_FAST:
        a_.mov(x86::rax, Slot(u.oparg, 0));
        a_.test(x86::rax, x86::rax);  // PJ_TAG_UNBOUND is 0: tier 1 raises
        a_.jz(exit);
        a_.mov(x86::rdx, Slot(u.oparg, 1));
        a_.mov(Stack(0, 0), x86::rax);
        a_.mov(Stack(0, 1), x86::rdx);
        a_.add(x86::r12, kValue);
        return;
      case UopId::STORE_FAST:
        a_.sub(x86::r12, kValue);
        a_.mov(x86::rax, Stack(0, 0));
        a_.mov(x86::rdx, Stack(0, 1));
        a_.mov(Slot(u.oparg, 0), x86::rax);
        a_.mov(Slot(u.oparg, 1), x86::rdx);
        return;
      case UopId::LOAD_CONST:
        a_.mov(x86::rax, static_cast<uint64_t>(u.oparg));
        a_.mov(Stack(0, 0), x86::rax);
        a_.mov(x86::rax, u.operand);
        a_.mov(Stack(0, 1), x86::rax);
        a_.add(x86::r12, kValue);
        return;
      case UopId::POP_TOP:
        a_.sub(x86::r12, kValue);
        return;
      case UopId::GUARD_BOTH_INT:
      case UopId::GUARD_BOTH_FLOAT: {
        int tag = u.op == UopId::GUARD_BOTH_INT ? PJ_TAG_INT : PJ_TAG_FLOAT;
        a_.cmp(Stack(1, 0), tag);
        a_.jne(exit);
        a_.cmp(Stack(2, 0), tag);
        a_.jne(exit);
        return;
      }
      case UopId::GUARD_TOS_INT:
        a_.cmp(Stack(1, 0), PJ_TAG_INT);
        a_.jne(exit);
        return;
      case UopId::GUARD_NOS_LIST:
        a_.cmp(Stack(2, 0), PJ_TAG_LIST);
        a_.jne(exit);
        return;
      case UopId::BINARY_OP_ADD_INT:
      case UopId::BINARY_OP_SUB_INT:
      case UopId::BINARY_OP_MUL_INT:
        a_.mov(x86::rax, Stack(2, 1));
        if (u.op == UopId::BINARY_OP_ADD_INT) a_.add(x86::rax, Stack(1, 1));
        if (u.op == UopId::BINARY_OP_SUB_INT) a_.sub(x86::rax, Stack(1, 1));
        if (u.op == UopId::BINARY_OP_MUL_INT) a_.imul(x86::rax, Stack(1, 1));
        a_.jo(exit);  // the stack is untouched: tier 1 widens to a big int
        a_.mov(Stack(2, 1), x86::rax);
        a_.sub(x86::r12, kValue);
        return;
      case UopId::BINARY_OP_ADD_FLOAT:
      case UopId::BINARY_OP_SUB_FLOAT:
      case UopId::BINARY_OP_MUL_FLOAT:
      case UopId::BINARY_OP_TRUEDIV_FLOAT:
        a_.movsd(x86::xmm0, Stack(2, 1));
        a_.movsd(x86::xmm1, Stack(1, 1));
        if (u.op == UopId::BINARY_OP_ADD_FLOAT) a_.addsd(x86::xmm0, x86::xmm1);
        if (u.op == UopId::BINARY_OP_SUB_FLOAT) a_.subsd(x86::xmm0, x86::xmm1);
        if (u.op == UopId::BINARY_OP_MUL_FLOAT) a_.mulsd(x86::xmm0, x86::xmm1);
        if (u.op == UopId::BINARY_OP_TRUEDIV_FLOAT) {
          a_.xorpd(x86::xmm2, x86::xmm2);
          a_.ucomisd(x86::xmm1, x86::xmm2);
          a_.je(exit);  // zero (or NaN, which tier 1 divides by itself)
          a_.divsd(x86::xmm0, x86::xmm1);
        }
        a_.movsd(Stack(2, 1), x86::xmm0);
        a_.sub(x86::r12, kValue);
        return;
      case UopId::BINARY_SUBSCR_LIST_INT:
      case UopId::STORE_SUBSCR_LIST_INT: {
        // list[index] with Python's negative indexes; out of range exits
        // (tier 1 raises IndexError).
        asmjit::Label in_range = a_.newLabel();
        a_.mov(x86::rcx, Stack(2, 1));  // the PjList
        a_.mov(x86::rax, Stack(1, 1));  // the index
        a_.test(x86::rax, x86::rax);
        a_.jns(in_range);
        a_.add(x86::rax, x86::qword_ptr(x86::rcx, offsetof(PjList, size)));
        a_.bind(in_range);
        a_.cmp(x86::rax, x86::qword_ptr(x86::rcx, offsetof(PjList, size)));
        a_.jae(exit);  // unsigned: a still-negative index too
        a_.shl(x86::rax, 4);
        a_.add(x86::rax, x86::qword_ptr(x86::rcx, offsetof(PjList, items)));
        if (u.op == UopId::BINARY_SUBSCR_LIST_INT) {
          a_.mov(x86::rdx, x86::qword_ptr(x86::rax));
          a_.mov(x86::rcx, x86::qword_ptr(x86::rax, 8));
          a_.mov(Stack(2, 0), x86::rdx);
          a_.mov(Stack(2, 1), x86::rcx);
          a_.sub(x86::r12, kValue);
        } else {
          a_.mov(x86::rdx, Stack(3, 0));
          a_.mov(x86::rcx, Stack(3, 1));
          a_.mov(x86::qword_ptr(x86::rax), x86::rdx);
          a_.mov(x86::qword_ptr(x86::rax, 8), x86::rcx);
          a_.sub(x86::r12, 3 * kValue);
        }
        return;
      }
      case UopId::GUARD_ITER_RANGE:
        a_.cmp(Stack(1, 0), PJ_TAG_RANGE_ITER);
        a_.jne(exit);
        return;
      case UopId::LOAD_GLOBAL:
        a_.mov(x86::rcx, x86::qword_ptr(x86::rbx, offsetof(PjFrame, globals)));
        a_.mov(x86::rax, x86::qword_ptr(x86::rcx, kValue * u.oparg));
        a_.test(x86::rax, x86::rax);  // unbound: tier 1 looks further
        a_.jz(exit);
        a_.mov(x86::rdx, x86::qword_ptr(x86::rcx, kValue * u.oparg + 8));
        a_.mov(Stack(0, 0), x86::rax);
        a_.mov(Stack(0, 1), x86::rdx);
        a_.add(x86::r12, kValue);
        return;
      case UopId::STORE_GLOBAL:
        a_.sub(x86::r12, kValue);
        a_.mov(x86::rcx, x86::qword_ptr(x86::rbx, offsetof(PjFrame, globals)));
        a_.mov(x86::rax, Stack(0, 0));
        a_.mov(x86::rdx, Stack(0, 1));
        a_.mov(x86::qword_ptr(x86::rcx, kValue * u.oparg), x86::rax);
        a_.mov(x86::qword_ptr(x86::rcx, kValue * u.oparg + 8), x86::rdx);
        return;
      case UopId::COMPARE_INT: {
        static const x86::CondCode kConds[] = {x86::CondCode::kL, x86::CondCode::kLE,
                                               x86::CondCode::kE, x86::CondCode::kNE,
                                               x86::CondCode::kG, x86::CondCode::kGE};
        a_.mov(x86::rax, Stack(2, 1));
        a_.cmp(x86::rax, Stack(1, 1));
        a_.set(kConds[u.oparg], x86::al);
        a_.movzx(x86::eax, x86::al);
        a_.mov(Stack(2, 0), PJ_TAG_BOOL);
        a_.mov(Stack(2, 1), x86::rax);
        a_.sub(x86::r12, kValue);
        return;
      }
      case UopId::GUARD_TRUE_POP:
      case UopId::GUARD_FALSE_POP: {
        // Inline for a bool; anything else asks the body (pj_truthy).
        asmjit::Label slow = a_.newLabel(), done = a_.newLabel();
        a_.cmp(Stack(1, 0), PJ_TAG_BOOL);
        a_.jne(slow);
        a_.sub(x86::r12, kValue);
        a_.cmp(Stack(0, 1), 0);
        if (u.op == UopId::GUARD_TRUE_POP) {
          a_.je(exit);
        } else {
          a_.jne(exit);
        }
        a_.jmp(done);
        a_.bind(slow);
        EmitCall(i);
        a_.bind(done);
        return;
      }
      case UopId::ITER_NEXT_RANGE: {
        asmjit::Label more = a_.newLabel();
        a_.mov(x86::rcx, Stack(1, 1));  // the PjRangeIter
        a_.cmp(x86::qword_ptr(x86::rcx, offsetof(PjRangeIter, remaining)), 0);
        a_.jg(more);
        a_.sub(x86::r12, kValue);  // exhausted: the iterator goes, then exit
        a_.jmp(exit);
        a_.bind(more);
        a_.dec(x86::qword_ptr(x86::rcx, offsetof(PjRangeIter, remaining)));
        a_.mov(x86::rax, x86::qword_ptr(x86::rcx, offsetof(PjRangeIter, next)));
        a_.mov(x86::rdx, x86::rax);
        a_.add(x86::rdx, x86::qword_ptr(x86::rcx, offsetof(PjRangeIter, step)));
        a_.mov(x86::qword_ptr(x86::rcx, offsetof(PjRangeIter, next)), x86::rdx);
        a_.mov(Stack(0, 0), PJ_TAG_INT);
        a_.mov(Stack(0, 1), x86::rax);
        a_.add(x86::r12, kValue);
        return;
      }
      case UopId::JUMP_TO_TOP:
        a_.mov(x86::rax, reinterpret_cast<uint64_t>(&pj_gc_pending));
        a_.call(x86::rax);
        a_.test(x86::eax, x86::eax);
        a_.jz(uop_labels_[0]);
        a_.jmp(exit);  // to the back edge: tier 1 collects there
        return;
      case UopId::EXIT_TRACE:
        a_.jmp(exit);
        return;
      default:
        EmitCall(i);
        return;
    }
  }

  const Trace& trace_;
  x86::Assembler& a_;
  std::vector<asmjit::Label> uop_labels_, exit_labels_, error_labels_, returned_labels_;
  asmjit::Label leave_;
  std::vector<size_t> offsets_;
};

class AsmjitBackend : public Backend {
 public:
  std::string name() const override { return "asmjit"; }
  std::string description() const override {
    return "asmjit 1.9: x86-64 emitted uop by uop, hot uops inline, the rest calling the "
           "uop bodies";
  }

  absl::Status Configure(const std::string& key, const std::string& value) override {
    if (key == "keep-ir") {
      keep_listing_ = value == "1";
      return absl::OkStatus();
    }
    return Backend::Configure(key, value);
  }

  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) override {
    asmjit::CodeHolder code;
    ErrorCollector errors;
    asmjit::StringLogger logger;
    code.init(asmjit::Environment::host());
    code.setErrorHandler(&errors);
    if (keep_listing_) code.setLogger(&logger);
    x86::Assembler a(&code);
    TraceEmitter emitter(trace, a);
    emitter.Emit();
    if (errors.error == asmjit::kErrorOk) code.flatten();
    if (errors.error == asmjit::kErrorOk) code.resolveUnresolvedLinks();
    if (errors.error != asmjit::kErrorOk) {
      return absl::InternalError(absl::StrCat("asmjit: ", errors.text));
    }
    size_t size = code.codeSize();
    absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(size);
    if (!block.ok()) return block.status();
    if (code.relocateToBase(reinterpret_cast<uint64_t>((*block)->base())) != asmjit::kErrorOk ||
        code.copyFlattenedData((*block)->base(), size, asmjit::CopySectionFlags::kPadSectionBuffer) !=
            asmjit::kErrorOk) {
      return absl::InternalError("asmjit: relocating the trace failed");
    }
    if (absl::Status s = (*block)->MakeExecutable(); !s.ok()) return s;
    return std::unique_ptr<Executor>(new MachineCodeExecutor(
        trace, std::move(*block), size, emitter.offsets(),
        keep_listing_ ? std::string(logger.data(), logger.dataSize()) : ""));
  }

 private:
  bool keep_listing_ = false;
};

const bool registered = RegisterBackend(std::make_unique<AsmjitBackend>());

}  // namespace
}  // namespace pyjit::asmjit_backend
