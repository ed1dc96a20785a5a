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
constexpr size_t kStubSize = 16;          // `jmp *0(%rip)` (6 bytes), the address, padding

// `a` is a power of two (a section alignment); a division here was a fifth
// of laying out a trace.
size_t AlignUp(size_t n, size_t a) { return (n + a - 1) & ~(a - 1); }

// Stencils by index: 0 the trampoline, 1 + k uop k's (UopId order).
const Stencil& StencilByIndex(size_t index) {
  return index == 0 ? kTrampolineStencil : kUopStencils[index - 1];
}
// The stencil index of a trace's copy i: 0 the trampoline, i uop i - 1's.
size_t StencilIndexAt(const Trace& trace, size_t i) {
  return i == 0 ? 0 : 1 + static_cast<size_t>(trace.uops[i - 1].op);
}
const Stencil& StencilAt(const Trace& trace, size_t i) {
  return StencilByIndex(StencilIndexAt(trace, i));
}

// How many bytes of stencil `i` are copied: all of them, or when it ends
// in a jump to stencil i + 1 and that one may start anywhere, the bytes
// before the jump (stencil i + 1 then starts where the jump was).
size_t CopiedSize(const Trace& trace, size_t i) {
  const Stencil& s = StencilAt(trace, i);
  if (i == trace.uops.size() || s.size_before_tail_jump == s.size) return s.size;
  return StencilAt(trace, i + 1).data_alignment <= 1 ? s.size_before_tail_jump : s.size;
}

bool IsCall(const Hole& h) { return h.value == HoleValue::kSymbol && h.kind == HoleKind::kPc32; }

// What one stencil's copy needs to know of the trace around it.
struct PatchContext {
  const Uop* uop;
  size_t index;  // the uop's
  int nlocals;
  uintptr_t next, top;
  const PjExitLink* exit_links;
  const TraceLayout* layout;
  uint8_t* base;
};

// `rel` as a 32-bit displacement, if it is one.
bool FitsRel32(int64_t rel) { return rel == static_cast<int32_t>(rel); }

// Fills the holes of the stencil copied to `at`.
// `copied`: how many of its bytes were copied (its size, or less when a
// tail jump to the next stencil was left out).
absl::Status Patch(const Stencil& stencil, uint8_t* at, size_t copied, const PatchContext& c) {
  for (size_t i = 0; i < stencil.nholes; ++i) {
    const Hole& h = stencil.holes[i];
    if (h.offset >= copied) continue;  // in the left-out tail jump
    uint64_t value = 0;
    switch (h.value) {
      case HoleValue::kOparg: value = static_cast<uint64_t>(static_cast<int64_t>(c.uop->oparg)); break;
      case HoleValue::kOperand: value = c.uop->operand; break;
      case HoleValue::kPc: value = static_cast<uint64_t>(c.uop->pc); break;
      case HoleValue::kIndex: value = c.index; break;
      case HoleValue::kNlocals: value = static_cast<uint64_t>(c.nlocals); break;
      case HoleValue::kContinue: value = c.next; break;
      case HoleValue::kTop: value = c.top; break;
      case HoleValue::kExitLinks: value = reinterpret_cast<uintptr_t>(c.exit_links); break;
      case HoleValue::kSymbol: value = h.symbol; break;
      case HoleValue::kStencil: value = reinterpret_cast<uintptr_t>(at); break;
    }
    uint8_t* where = at + h.offset;
    uint64_t target = value + static_cast<uint64_t>(h.addend);
    switch (h.kind) {
      case HoleKind::kAbs64:
        std::memcpy(where, &target, 8);
        break;
      case HoleKind::kPc32: {
        int64_t rel = static_cast<int64_t>(target - reinterpret_cast<uintptr_t>(where));
        if (!FitsRel32(rel) && IsCall(h)) {  // through the function's stub
          const auto& far = c.layout->far_symbols;
          const size_t k = std::find(far.begin(), far.end(), h.symbol) - far.begin();
          const uintptr_t stub =
              reinterpret_cast<uintptr_t>(c.base + c.layout->stubs + k * kStubSize);
          rel = static_cast<int64_t>(stub + static_cast<uint64_t>(h.addend) -
                                     reinterpret_cast<uintptr_t>(where));
        }
        if (!FitsRel32(rel)) {
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

// The runtime functions each stencil calls, each once, in the order of
// its holes, by stencil index (StencilByIndex). Read once per process: a
// layout otherwise walks every hole of every stencil.
const std::vector<std::vector<uintptr_t>>& CallsOfStencils() {
  static const std::vector<std::vector<uintptr_t>> calls = [] {
    std::vector<std::vector<uintptr_t>> all(kNumUopStencils + 1);
    for (size_t i = 0; i <= kNumUopStencils; ++i) {
      const Stencil& s = StencilByIndex(i);
      for (size_t k = 0; k < s.nholes; ++k) {
        const Hole& h = s.holes[k];
        if (IsCall(h) && std::find(all[i].begin(), all[i].end(), h.symbol) == all[i].end()) {
          all[i].push_back(h.symbol);
        }
      }
    }
    return all;
  }();
  return calls;
}

}  // namespace

TraceLayout LayOutTrace(const Trace& trace) {
  const std::vector<std::vector<uintptr_t>>& calls = CallsOfStencils();
  TraceLayout layout;
  layout.offsets.reserve(trace.uops.size() + 1);
  size_t size = 0;
  bool falls_through = false;  // into this stencil, from the one before
  for (size_t i = 0; i <= trace.uops.size(); ++i) {
    const Stencil& s = StencilAt(trace, i);
    if (!falls_through) size = AlignUp(size, std::max(kStencilAlignment, s.data_alignment));
    layout.offsets.push_back(size);
    const size_t copied = CopiedSize(trace, i);
    layout.copied.push_back(static_cast<uint32_t>(copied));
    falls_through = copied < s.size;
    size += copied;
    for (uintptr_t symbol : calls[StencilIndexAt(trace, i)]) {
      if (std::find(layout.far_symbols.begin(), layout.far_symbols.end(), symbol) ==
          layout.far_symbols.end()) {
        layout.far_symbols.push_back(symbol);
      }
    }
  }
  layout.code_end = size;
  layout.stubs = AlignUp(size, kStubSize);
  layout.size = layout.stubs + kStubSize * layout.far_symbols.size();
  return layout;
}

absl::Status EmitTrace(const Trace& trace, const TraceLayout& layout,
                       const PjExitLink* exit_links, uint8_t* base) {
  const std::vector<size_t>& offsets = layout.offsets;
  PatchContext c;
  // JUMP_TO_TOP's target: the loop body's first stencil (after the
  // trampoline, and the peeled first iteration if there is one).
  c.top = reinterpret_cast<uintptr_t>(base + offsets[1 + trace.loop_start]);
  c.nlocals = trace.code->nlocals();
  c.exit_links = exit_links;
  c.layout = &layout;
  c.base = base;
  for (size_t i = 0; i < offsets.size(); ++i) {
    const Stencil& s = StencilAt(trace, i);
    uint8_t* at = base + offsets[i];
    const size_t copied = layout.copied[i];
    std::memcpy(at, s.code, copied);
    // int3 in the padding up to the next stencil (or the stubs).
    const size_t end = i + 1 < offsets.size() ? offsets[i + 1] : layout.stubs;
    std::memset(at + copied, 0xCC, end - offsets[i] - copied);
    c.next = i + 1 < offsets.size() ? reinterpret_cast<uintptr_t>(base + offsets[i + 1]) : c.top;
    // The trampoline reads only nlocals, its continuation (the first uop)
    // and the exit links.
    c.uop = &trace.uops[i == 0 ? 0 : i - 1];
    c.index = i == 0 ? 0 : i - 1;
    if (absl::Status st = Patch(s, at, copied, c); !st.ok()) return st;
  }
  for (size_t k = 0; k < layout.far_symbols.size(); ++k) {
    uint8_t* stub = base + layout.stubs + k * kStubSize;
    static constexpr uint8_t kJmpRipIndirect[6] = {0xFF, 0x25, 0, 0, 0, 0};  // jmp *0(%rip)
    std::memset(stub, 0xCC, kStubSize);
    std::memcpy(stub, kJmpRipIndirect, sizeof kJmpRipIndirect);
    std::memcpy(stub + sizeof kJmpRipIndirect, &layout.far_symbols[k], 8);
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
    return 1e-6;  // copying and patching about 30 ns a uop, sealing its block ~100 ns more
  }

  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) override {
    TraceLayout layout = LayOutTrace(trace);
    absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(layout.size);
    if (!block.ok()) return block.status();
    Executor::ExitLinks exit_links = Executor::NewExitLinks(trace);
    if (absl::Status s = EmitTrace(trace, layout, exit_links.get(), (*block)->base()); !s.ok()) {
      return s;
    }
    if (absl::Status s = (*block)->MakeExecutable(); !s.ok()) return s;
    std::vector<size_t> uop_offsets = std::move(layout.offsets);  // without the trampoline's
    uop_offsets.erase(uop_offsets.begin());
    uop_offsets.push_back(layout.code_end);
    return std::unique_ptr<Executor>(
        new MachineCodeExecutor(trace, std::move(*block), layout.size, std::move(uop_offsets),
                                MachineCodeExecutor::Links::kFollowedInCode, "",
                                std::move(exit_links)));
  }
};

const bool registered = RegisterBackend(std::make_unique<CopyAndPatchBackend>());

}  // namespace
}  // namespace pyjit::copy_and_patch
