// The asmjit emitter's model of where every value of a trace is while its
// code runs: each stack entry in its frame slot, an immediate, a register,
// or still a local's value; each loop-carried local in its frame slot or a
// callee-saved register; what is known of their tags (ir/tag_facts.h). It
// owns the register allocation, the writes that make the frame exact (before
// a body call, in each side exit's own stub in the cold section), and the
// calls of uop bodies. trace_emitter.cc's per-uop helpers build on it.
#ifndef PYJIT_BACKENDS_ASMJIT_VALUE_LOCATIONS_H_
#define PYJIT_BACKENDS_ASMJIT_VALUE_LOCATIONS_H_

#include <asmjit/x86.h>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tag_facts.h"
#include "ir/trace.h"
#include "ir/uop_body_table.h"

namespace pyjit::asmjit_backend {

namespace x86 = asmjit::x86;

inline constexpr int32_t kSlots = offsetof(PjFrame, slots);
inline constexpr int32_t kValue = sizeof(PjValue);

// Registers. rbx holds the frame for the whole trace. Stack values live in
// the caller-saved pool (bodies are only called with the stack flushed);
// locals live in callee-saved registers, which survive those calls. r11 is
// the one scratch register, never held across an allocation.
inline constexpr int kPool[] = {x86::Gp::kIdAx, x86::Gp::kIdCx, x86::Gp::kIdDx, x86::Gp::kIdSi,
                     x86::Gp::kIdDi, x86::Gp::kIdR8, x86::Gp::kIdR9, x86::Gp::kIdR10};
inline constexpr int kLocalRegs[] = {x86::Gp::kIdR12, x86::Gp::kIdR13, x86::Gp::kIdR14,
                          x86::Gp::kIdR15, x86::Gp::kIdBp};
inline const x86::Gp kScratch = x86::r11;

inline x86::Gp Reg(int id) { return x86::gpq(static_cast<uint32_t>(id)); }

inline bool FitsInt32(uint64_t v) {
  return static_cast<int64_t>(v) == static_cast<int32_t>(static_cast<int64_t>(v));
}

class ValueLocations {
 protected:
  ValueLocations(const Trace& trace, x86::Assembler& a)
      : trace_(trace), a_(a), nlocals_(trace.code->nlocals()), facts_(nlocals_, trace.entry_depth) {}

  // Where a stack entry's value is while the trace runs.
  enum class Where : uint8_t {
    kSlot,   // in its own frame slot, as the interpreter would have it
    kConst,  // an immediate: the tag is known, the payload is `payload`
    kReg,    // payload in `reg`; the tag known, or in `tag_reg`
    kLocal,  // still the value of local `local` (no copy made yet)
  };
  struct Location {
    Where where = Where::kSlot;
    int reg = -1;
    int tag_reg = -1;
    int local = -1;
    uint64_t payload = 0;
  };
  // A local given a register for the loop. Invariant: in_reg implies its
  // tag is known (TagFacts), so the register holds the whole value.
  struct LocalHome {
    int reg = -1;
    bool in_reg = false;
    bool dirty = false;  // the register is newer than the frame slot
  };
  struct State {
    TagFacts facts;
    std::vector<Location> stack;  // one per stack entry, bottom first
    std::vector<LocalHome> locals;
  };
  // --- the frame ---------------------------------------------------------

  x86::Mem SlotMem(int index, int word) const {
    return x86::qword_ptr(x86::rbx, kSlots + kValue * index + 8 * word);
  }
  x86::Mem StackMem(int k, int word) const { return SlotMem(nlocals_ + k, word); }

  // --- what is known about an entry -----------------------------------------

  int KnownTag(int k) const { return facts_.at(k).tag; }

  // The payload as an instruction operand: a register, a memory word, or an
  // immediate (a constant beyond 32 bits goes through the scratch register).
  asmjit::Operand PayloadOperand(int k) {
    const Location& l = stack_[k];
    switch (l.where) {
      case Where::kSlot:
        return StackMem(k, 1);
      case Where::kConst:
        if (FitsInt32(l.payload)) return asmjit::Imm(static_cast<int64_t>(l.payload));
        a_.mov(kScratch, l.payload);
        return kScratch;
      case Where::kReg:
        return Reg(l.reg);
      case Where::kLocal:
        if (locals_[l.local].in_reg) return Reg(locals_[l.local].reg);
        return SlotMem(l.local, 1);
    }
    return asmjit::Operand();
  }

  void LoadPayload(const x86::Gp& dst, int k) {
    if (stack_[k].where == Where::kConst) {
      a_.mov(dst, stack_[k].payload);
    } else {
      a_.emit(x86::Inst::kIdMov, dst, PayloadOperand(k));
    }
  }

  void LoadXmm(const x86::Xmm& dst, int k) {
    asmjit::Operand src = PayloadOperand(k);
    if (src.isMem()) {
      a_.movsd(dst, src.as<x86::Mem>());
    } else if (src.isReg()) {
      a_.movq(dst, src.as<x86::Gp>());
    } else {
      a_.mov(kScratch, src.as<asmjit::Imm>());
      a_.movq(dst, kScratch);
    }
  }

  // The tag as an operand, for an entry whose tag is not known.
  asmjit::Operand TagOperand(int k) const {
    const Location& l = stack_[k];
    if (l.where == Where::kReg) return Reg(l.tag_reg);
    if (l.where == Where::kLocal) return SlotMem(l.local, 0);
    return StackMem(k, 0);
  }

  // --- writing values to memory ----------------------------------------------

  // Stores entry `k` of a state as a whole value at (tag_dst, payload_dst).
  // Uses only the scratch register.
  void StoreValue(const TagFacts& facts, const std::vector<Location>& stack,
                  const std::vector<LocalHome>& locals, int k, const x86::Mem& tag_dst,
                  const x86::Mem& payload_dst) {
    const Location& l = stack[k];
    const int tag = facts.at(k).tag;
    auto copy = [&](const x86::Mem& dst, const x86::Mem& src) {
      a_.mov(kScratch, src);
      a_.mov(dst, kScratch);
    };
    if (tag != kUnknownTag) {
      a_.mov(tag_dst, tag);
    } else if (l.where == Where::kReg) {
      a_.mov(tag_dst, Reg(l.tag_reg));
    } else if (l.where == Where::kLocal) {
      copy(tag_dst, SlotMem(l.local, 0));
    } else {
      copy(tag_dst, StackMem(k, 0));
    }
    switch (l.where) {
      case Where::kSlot:
        copy(payload_dst, StackMem(k, 1));
        return;
      case Where::kConst:
        if (FitsInt32(l.payload)) {
          a_.mov(payload_dst, static_cast<int32_t>(static_cast<int64_t>(l.payload)));
        } else {
          a_.mov(kScratch, l.payload);
          a_.mov(payload_dst, kScratch);
        }
        return;
      case Where::kReg:
        a_.mov(payload_dst, Reg(l.reg));
        return;
      case Where::kLocal:
        if (locals[l.local].in_reg) {
          a_.mov(payload_dst, Reg(locals[l.local].reg));
        } else {
          copy(payload_dst, SlotMem(l.local, 1));
        }
        return;
    }
  }

  // Entry `k` into its own frame slot.
  void Materialize(int k) {
    if (stack_[k].where == Where::kSlot) return;
    StoreValue(facts_, stack_, locals_, k, StackMem(k, 0), StackMem(k, 1));
    stack_[k] = Location{};
  }

  void WriteBackLocal(int i, const TagFacts& facts, const LocalHome& h) {
    a_.mov(SlotMem(i, 0), facts.local(i));
    a_.mov(SlotMem(i, 1), Reg(h.reg));
  }

  // The frame exactly as the interpreter would have it; registers stay valid.
  void Flush() {
    for (int k = 0; k < static_cast<int>(stack_.size()); ++k) Materialize(k);
    for (int i : home_locals_) {
      LocalHome& h = locals_[i];
      if (h.in_reg && h.dirty) {
        WriteBackLocal(i, facts_, h);
        h.dirty = false;
      }
    }
  }

  // --- registers for stack values ---------------------------------------------

  // Whether stack entry `k` keeps its payload, or a tag not known, in
  // register `id`.
  bool Holds(int k, int id) const {
    const Location& l = stack_[k];
    if (l.where != Where::kReg) return false;
    return l.reg == id || (l.tag_reg == id && facts_.at(k).tag == kUnknownTag);
  }
  bool InUse(int id) const {
    for (int k = 0; k < static_cast<int>(stack_.size()); ++k) {
      if (Holds(k, id)) return true;
    }
    return false;
  }
  // Register `id` free of stack entries: those in it go to their slots.
  void Evict(int id) {
    for (int k = 0; k < static_cast<int>(stack_.size()); ++k) {
      if (Holds(k, id)) Materialize(k);
    }
  }

  // A free pool register other than those in `avoid` (a mask of ids). When
  // none is free, the lowest register-held entry goes to its slot.
  x86::Gp Alloc(uint32_t avoid = 0) {
    for (;;) {
      for (int id : kPool) {
        if (!(avoid & (1u << id)) && !InUse(id)) return Reg(id);
      }
      for (int k = 0; k < static_cast<int>(stack_.size()); ++k) {
        if (stack_[k].where == Where::kReg) {
          Materialize(k);
          break;
        }
      }
    }
  }
  static uint32_t Mask(const x86::Gp& r) { return 1u << r.id(); }

  // Entry `k` into pool registers, so that it no longer depends on its slot
  // or on a local (before SWAP moves it, or STORE_FAST overwrites the local).
  void Unpin(int k) {
    Location& l = stack_[k];
    if (l.where == Where::kReg || l.where == Where::kConst) return;
    const int known = KnownTag(k);
    x86::Gp payload = Alloc();
    LoadPayload(payload, k);
    Location moved;
    moved.where = Where::kReg;
    moved.reg = payload.id();
    if (facts_.at(k).tag == kUnknownTag) {
      x86::Gp tag = Alloc(Mask(payload));
      if (known != kUnknownTag) {
        a_.mov(tag, known);
      } else {
        a_.emit(x86::Inst::kIdMov, tag, TagOperand(k));
      }
      moved.tag_reg = tag.id();
    }
    stack_[k] = moved;
  }

  void Push(Location l) { stack_.push_back(l); }
  Location InReg(const x86::Gp& payload, int tag_reg = -1) {
    Location l;
    l.where = Where::kReg;
    l.reg = payload.id();
    l.tag_reg = tag_reg;
    return l;
  }

  // --- exits ---------------------------------------------------------------------

  // A side exit of uop `i`, after it popped `pops` entries: the label of a
  // stub, out of line in the cold section, that writes back exactly what
  // this state holds outside the frame and leaves.
  asmjit::Label Exit(size_t i, int pops = 0) {
    asmjit::Label label = a_.newLabel();
    a_.section(cold_);
    a_.bind(label);
    const int depth = static_cast<int>(stack_.size()) - pops;
    for (int k = 0; k < depth; ++k) {
      if (stack_[k].where != Where::kSlot) {
        StoreValue(facts_, stack_, locals_, k, StackMem(k, 0), StackMem(k, 1));
      }
    }
    for (int l : home_locals_) {
      if (locals_[l].in_reg && locals_[l].dirty) WriteBackLocal(l, facts_, locals_[l]);
    }
    a_.mov(x86::dword_ptr(x86::rbx, offsetof(PjFrame, stack_depth)), depth);
    a_.mov(x86::eax, static_cast<uint32_t>(i));
    a_.jmp(epilogue_);
    a_.section(text_);
    return label;
  }

  void GuardTag(size_t i, int k, int tag) {
    int known = KnownTag(k);
    if (known == tag) return;
    if (known != kUnknownTag) {
      a_.jmp(Exit(i));  // always leaves: the trace was recorded on other types
      return;
    }
    a_.emit(x86::Inst::kIdCmp, TagOperand(k), asmjit::Imm(tag));
    a_.jne(Exit(i));
  }

  // --- calling a uop's body ---------------------------------------------------

  // The call alone; the frame must be flushed.
  void EmitBodyCall(size_t i) {
    const Uop& u = trace_.uops[i];
    if (InfoOf(u.op).flags & PJ_F_ESCAPES) {
      a_.mov(x86::dword_ptr(x86::rbx, offsetof(PjFrame, pc)), u.pc);
    }
    a_.lea(kScratch, StackMem(static_cast<int>(stack_.size()), 0));
    a_.mov(x86::ptr(x86::rsp), kScratch);
    a_.mov(x86::rdi, x86::rbx);
    a_.mov(x86::rsi, x86::rsp);
    a_.mov(x86::edx, u.oparg);
    a_.mov(x86::rcx, u.operand);
    a_.mov(x86::rax, reinterpret_cast<uint64_t>(BodyOf(u.op)));
    a_.call(x86::rax);
    // A body that returned EXIT or ERROR left the stack pointer that says
    // the depth; the cold stub turns its result into ours.
    asmjit::Label returned = a_.newLabel();
    a_.section(cold_);
    a_.bind(returned);
    a_.mov(x86::ecx, x86::eax);
    a_.mov(x86::rax, static_cast<int64_t>(i));
    a_.cmp(x86::ecx, PJ_UOP_EXIT);
    a_.je(leave_with_sp_);
    a_.mov(x86::rax, -1 - static_cast<int64_t>(i));
    a_.jmp(leave_with_sp_);
    a_.section(text_);
    a_.test(x86::eax, x86::eax);
    a_.jnz(returned);
  }

  void Finish(const Uop& u, int pops) {
    stack_.resize(stack_.size() - pops);
    facts_.Apply(u);
  }

  void EmitCall(size_t i) {
    const Uop& u = trace_.uops[i];
    Flush();
    EmitBodyCall(i);
    Finish(u, UopPops(u.op, u.oparg));
    for (int j = 0; j < UopPushes(u.op, u.oparg); ++j) Push(Location{});
  }

  // --- the state -----------------------------------------------------------------

  const Trace& trace_;
  x86::Assembler& a_;
  const int nlocals_;
  bool steady_ = true;
  std::vector<size_t>* offsets_ = nullptr;

  TagFacts facts_;
  std::vector<Location> stack_;
  std::vector<LocalHome> locals_;
  TagFacts head_;  // LoopHeadFacts: what holds at the loop's top
  std::vector<int> home_locals_;
  std::vector<bool> stored_;  // by local: does the trace store it?

  asmjit::Label epilogue_, leave_with_sp_, loop_top_;
  asmjit::Section* text_ = nullptr;
  asmjit::Section* cold_ = nullptr;  // exit stubs, after all the hot code
};

}  // namespace pyjit::asmjit_backend

#endif  // PYJIT_BACKENDS_ASMJIT_VALUE_LOCATIONS_H_
