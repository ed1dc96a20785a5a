// Machine code as text, with LLVM's disassembler, for `pyjit dump-ir`.
#ifndef PYJIT_BACKENDS_DISASSEMBLER_H_
#define PYJIT_BACKENDS_DISASSEMBLER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pyjit {

// One line per instruction, "  offset: instruction"; a line "uop N NAME:"
// before the instruction at each of `labels` (offset, label) pairs.
std::string Disassemble(const uint8_t* code, size_t size,
                        const std::vector<std::pair<size_t, std::string>>& labels);

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_DISASSEMBLER_H_
