// Executable memory for the backends that write machine code themselves:
// written while private and writable, then made read+execute; never both
// (W^X). Freed with the object.
#ifndef PYJIT_BACKENDS_CODE_MEMORY_H_
#define PYJIT_BACKENDS_CODE_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace pyjit {

class CodeBlock {
 public:
  // `size` writable bytes (rounded up to whole pages).
  static absl::StatusOr<std::unique_ptr<CodeBlock>> Allocate(size_t size);
  ~CodeBlock();
  CodeBlock(const CodeBlock&) = delete;
  CodeBlock& operator=(const CodeBlock&) = delete;

  uint8_t* base() const { return base_; }
  // Ends writing: the block becomes read+execute.
  absl::Status MakeExecutable();

 private:
  CodeBlock(uint8_t* base, size_t mapped) : base_(base), mapped_(mapped) {}
  uint8_t* base_;
  size_t mapped_;
};

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_CODE_MEMORY_H_
