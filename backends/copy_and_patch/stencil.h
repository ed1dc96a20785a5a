// The stencil tables that stencil_generator writes (stencils.cc, generated
// at build time from stencils.c) and the patcher reads.
#ifndef PYJIT_BACKENDS_COPY_AND_PATCH_STENCIL_H_
#define PYJIT_BACKENDS_COPY_AND_PATCH_STENCIL_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "ir/trace.h"

// runtime/exit_links.h's, declared only: the generated stencils.cc that
// includes this declares the runtime's symbols by address alone.
struct PjExitLink;

namespace pyjit::copy_and_patch {

// How a hole is written: the ELF relocation it came from.
enum class HoleKind : uint8_t {
  kAbs64,  // R_X86_64_64: value + addend, 8 bytes
  kPc32,   // R_X86_64_PC32 / PLT32: value + addend - hole address, 4 bytes
  kAbs32,  // R_X86_64_32: value + addend, 4 bytes, zero-extended
  kAbs32S, // R_X86_64_32S: value + addend, 4 bytes, sign-extended
};

// What a hole is filled with.
enum class HoleValue : uint8_t {
  kOparg,     // the uop's oparg
  kOperand,   // the uop's 64-bit operand
  kPc,        // the uop's bytecode index
  kIndex,     // the uop's index in the trace
  kNlocals,   // the frame's local count
  kContinue,  // the next stencil's address
  kTop,       // the first uop's stencil address
  kExitLinks, // the trace's exit links (runtime/exit_links.h)
  kSymbol,    // `symbol`: a runtime function (called through a stub when
              // the trace's code is more than 2 GiB from it)
  kStencil,   // this stencil's own copy (addend: an offset into it)
};

struct Hole {
  uint32_t offset;
  HoleKind kind;
  HoleValue value;
  int64_t addend;
  uintptr_t symbol;  // for kSymbol
  const char* symbol_name;
};

struct Stencil {
  const char* name;  // the uop's name, or "trampoline"
  const uint8_t* code;
  size_t size;
  const Hole* holes;
  size_t nholes;
  // When the code ends in a jump to the next stencil: the bytes before
  // it, all that is copied when the next stencil follows right there.
  // Otherwise `size`.
  size_t size_before_tail_jump;
  // What its constants (copied after the code) need of its start: 1 when
  // it has none, and may follow another stencil's code directly.
  size_t data_alignment;
};

// One per uop, in the order of uop_table.h, and the trampoline.
extern const Stencil kUopStencils[];
extern const size_t kNumUopStencils;
extern const Stencil kTrampolineStencil;

// Where each part of a trace's code goes in its block.
struct TraceLayout {
  // offsets[0] is the trampoline's, offsets[i + 1] uop i's stencil's.
  std::vector<size_t> offsets;
  // copied[i]: how many of that stencil's bytes are copied (all, or those
  // before a tail jump to the stencil right after it).
  absl::InlinedVector<uint32_t, 64> copied;
  // The runtime functions the copied stencils call, each with a stub at
  // stubs + 16 * k (`jmp *0(%rip)` and the address) that a call goes
  // through when the function is beyond a 32-bit displacement.
  absl::InlinedVector<uintptr_t, 16> far_symbols;  // on the stack: most traces call few
  size_t code_end = 0;  // where the last stencil ends
  size_t stubs = 0;
  size_t size = 0;  // of the whole block
};

// The two steps of compiling a trace, apart from getting and protecting
// memory (for the compile benchmark): the layout; then the copying and
// patching into `base`, which must hold `layout.size` bytes, with
// `exit_links` the table the code's exits read (one per uop).
TraceLayout LayOutTrace(const Trace& trace);
absl::Status EmitTrace(const Trace& trace, const TraceLayout& layout,
                       const PjExitLink* exit_links, uint8_t* base);

}  // namespace pyjit::copy_and_patch

#endif  // PYJIT_BACKENDS_COPY_AND_PATCH_STENCIL_H_
