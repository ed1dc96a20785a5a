// Copy-and-patch: a trace becomes one block of machine code made by copying
// each uop's stencil (generated at build time from the uop's C body) and
// filling its holes. No code generator runs at run time: compiling is
// memcpy plus a few stores per uop.
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "backends/backend.h"
#include "backends/code_memory.h"
#include "backends/machine_code_executor.h"
#include "backends/copy_and_patch/stencil.h"
#include "backends/registry.h"

namespace pyjit::copy_and_patch {
namespace {

constexpr size_t kStencilAlignment = 16;  // the stencils' own section alignment

size_t AlignUp(size_t n, size_t a) { return (n + a - 1) / a * a; }

// Fills the holes of the stencil copied to `at`.
// `copied`: how many of its bytes were copied (its size, or less when a
// tail jump to the next stencil was left out).
absl::Status Patch(const Stencil& stencil, uint8_t* at, size_t copied, const Uop* uop,
                   size_t index, int nlocals, uintptr_t next, uintptr_t top,
                   const PjExitLink* exit_links) {
  for (size_t i = 0; i < stencil.nholes; ++i) {
    const Hole& h = stencil.holes[i];
    uint64_t value = 0;
    switch (h.value) {
      case HoleValue::kOparg: value = static_cast<uint64_t>(static_cast<int64_t>(uop->oparg)); break;
      case HoleValue::kOperand: value = uop->operand; break;
      case HoleValue::kPc: value = static_cast<uint64_t>(uop->pc); break;
      case HoleValue::kIndex: value = index; break;
      case HoleValue::kNlocals: value = static_cast<uint64_t>(nlocals); break;
      case HoleValue::kContinue: value = next; break;
      case HoleValue::kTop: value = top; break;
      case HoleValue::kExitLinks: value = reinterpret_cast<uintptr_t>(exit_links); break;
      case HoleValue::kSymbol: value = h.symbol; break;
      case HoleValue::kStencil: value = reinterpret_cast<uintptr_t>(at); break;
    }
    uint8_t* where = at + h.offset;
    uint64_t target = value + static_cast<uint64_t>(h.addend);
    if (h.offset >= copied) continue;  // in the left-out tail jump
    switch (h.kind) {
      case HoleKind::kJump: {
        // The movabs's REX prefix says how long the sequence is (r8..r15
        // take one more byte); its rest becomes int3, never reached.
        const size_t length = where[0] == 0x49 ? 13 : 12;
        const int64_t rel = static_cast<int64_t>(target - reinterpret_cast<uintptr_t>(where + 5));
        if (rel != static_cast<int32_t>(rel)) {
          return absl::OutOfRangeError(absl::StrCat("stencil ", stencil.name, ": jump out of range"));
        }
        const int32_t r32 = static_cast<int32_t>(rel);
        where[0] = 0xE9;
        std::memcpy(where + 1, &r32, 4);
        std::memset(where + 5, 0xCC, length - 5);
        break;
      }
      case HoleKind::kAbs64:
        std::memcpy(where, &target, 8);
        break;
      case HoleKind::kPc32: {
        int64_t rel = static_cast<int64_t>(target - reinterpret_cast<uintptr_t>(where));
        if (rel != static_cast<int32_t>(rel)) {
          return absl::OutOfRangeError(absl::StrCat("stencil ", stencil.name,
                                                    ": 32-bit relative hole out of range"));
        }
        int32_t r32 = static_cast<int32_t>(rel);
        std::memcpy(where, &r32, 4);
        break;
      }
      case HoleKind::kAbs32:
      case HoleKind::kAbs32S: {
        bool fits = h.kind == HoleKind::kAbs32
                        ? target == static_cast<uint32_t>(target)
                        : static_cast<int64_t>(target) == static_cast<int32_t>(target);
        if (!fits) {
          return absl::OutOfRangeError(
              absl::StrCat("stencil ", stencil.name, ": 32-bit hole cannot hold ", target));
        }
        uint32_t t32 = static_cast<uint32_t>(target);
        std::memcpy(where, &t32, 4);
        break;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace {

const Stencil& StencilAt(const Trace& trace, size_t i) {  // 0: the trampoline, i: uop i - 1
  return i == 0 ? kTrampolineStencil : kUopStencils[static_cast<int>(trace.uops[i - 1].op)];
}

// How many bytes of stencil `i` are copied: all of them, or when it ends
// in a jump to stencil i + 1 and that one may start anywhere, the bytes
// before the jump (stencil i + 1 then starts where the jump was).
size_t CopiedSize(const Trace& trace, size_t i) {
  const Stencil& s = StencilAt(trace, i);
  if (i == trace.uops.size() || s.size_before_tail_jump == s.size) return s.size;
  return StencilAt(trace, i + 1).data_alignment <= 1 ? s.size_before_tail_jump : s.size;
}

}  // namespace

size_t TraceCodeSize(const Trace& trace, std::vector<size_t>* offsets) {
  offsets->clear();
  size_t size = 0;
  bool falls_through = false;  // into this stencil, from the one before
  for (size_t i = 0; i <= trace.uops.size(); ++i) {
    const Stencil& s = StencilAt(trace, i);
    if (!falls_through) size = AlignUp(size, std::max(kStencilAlignment, s.data_alignment));
    offsets->push_back(size);
    const size_t copied = CopiedSize(trace, i);
    falls_through = copied < s.size;
    size += copied;
  }
  return size;
}

absl::Status EmitTrace(const Trace& trace, const std::vector<size_t>& offsets, size_t size,
                       const PjExitLink* exit_links, uint8_t* base) {
  std::memset(base, 0xCC, size);  // int3 in the padding
  // JUMP_TO_TOP's target: the loop body's first stencil (after the
  // trampoline, and the peeled first iteration if there is one).
  uintptr_t top = reinterpret_cast<uintptr_t>(base + offsets[1 + trace.loop_start]);
  int nlocals = trace.code->nlocals();
  for (size_t i = 0; i < offsets.size(); ++i) {
    const Stencil& s = StencilAt(trace, i);
    uint8_t* at = base + offsets[i];
    const size_t copied = CopiedSize(trace, i);
    std::memcpy(at, s.code, copied);
    uintptr_t next =
        i + 1 < offsets.size() ? reinterpret_cast<uintptr_t>(base + offsets[i + 1]) : top;
    // The trampoline reads only nlocals, its continuation (the first uop)
    // and the exit links.
    const Uop& uop = trace.uops[i == 0 ? 0 : i - 1];
    if (absl::Status st =
            Patch(s, at, copied, &uop, i == 0 ? 0 : i - 1, nlocals, next, top, exit_links);
        !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

namespace {

class CopyAndPatchBackend : public Backend {
 public:
  std::string name() const override { return "copy_and_patch"; }
  std::string description() const override {
    return "copy-and-patch: stencils compiled by clang-19 from the uop bodies, copied and "
           "patched";
  }

  double ExpectedCompileSecondsPerUop() const override {
    return 1e-6;  // copying and patching 33 ns a uop, the mmap/mprotect/munmap of its block ~420 ns
  }

  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) override {
    std::vector<size_t> offsets;
    size_t size = TraceCodeSize(trace, &offsets);
    absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(size);
    if (!block.ok()) return block.status();
    Executor::ExitLinks exit_links = Executor::NewExitLinks(trace);
    if (absl::Status s = EmitTrace(trace, offsets, size, exit_links.get(), (*block)->base());
        !s.ok()) {
      return s;
    }
    if (absl::Status s = (*block)->MakeExecutable(); !s.ok()) return s;
    std::vector<size_t> uop_offsets(offsets.begin() + 1, offsets.end());
    return std::unique_ptr<Executor>(
        new MachineCodeExecutor(trace, std::move(*block), size, std::move(uop_offsets),
                                MachineCodeExecutor::Links::kFollowedInCode, "",
                                std::move(exit_links)));
  }
};

const bool registered = RegisterBackend(std::make_unique<CopyAndPatchBackend>());

}  // namespace
}  // namespace pyjit::copy_and_patch
