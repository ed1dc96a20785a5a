#include "backends/disassembler.h"

#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "llvm-c/Disassembler.h"
#include "llvm-c/Target.h"

namespace pyjit {

std::string Disassemble(const uint8_t* code, size_t size,
                        const std::vector<std::pair<size_t, std::string>>& labels) {
  static const bool initialized = [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86Disassembler();
    return true;
  }();
  (void)initialized;
  LLVMDisasmContextRef dc =
      LLVMCreateDisasm("x86_64-pc-linux-gnu", nullptr, 0, nullptr, nullptr);
  if (dc == nullptr) return "  (no x86-64 disassembler in this LLVM)\n";
  LLVMSetDisasmOptions(dc, LLVMDisassembler_Option_PrintImmHex);
  std::string out;
  size_t next_label = 0;
  std::vector<uint8_t> bytes(code, code + size);
  size_t at = 0;
  while (at < size) {
    while (next_label < labels.size() && labels[next_label].first <= at) {
      absl::StrAppend(&out, labels[next_label].second, ":\n");
      ++next_label;
    }
    char text[256];
    size_t n = LLVMDisasmInstruction(dc, bytes.data() + at, size - at, reinterpret_cast<uint64_t>(code + at),
                                     text, sizeof(text));
    if (n == 0) {
      absl::StrAppend(&out, absl::StrFormat("  %6x:  (bad byte 0x%02x)\n", at, bytes[at]));
      at += 1;
      continue;
    }
    // Padding between stencils is int3; one line says so.
    if (bytes[at] == 0xCC) {
      size_t end = at;
      while (end < size && bytes[end] == 0xCC) ++end;
      absl::StrAppend(&out, absl::StrFormat("  %6x:  (%d bytes of int3 padding)\n", at, end - at));
      at = end;
      continue;
    }
    absl::StrAppend(&out, absl::StrFormat("  %6x: %s\n", at, text));
    at += n;
  }
  LLVMDisasmDispose(dc);
  return out;
}

}  // namespace pyjit
