// Executable memory for the backends that write machine code themselves
// (copy_and_patch, asmjit, mir): written while read-write, then made
// read+execute; no page is ever both (W^X).
//
// Blocks come from one process-wide arena of large mappings ("chunks"), so
// a trace costs no mmap, munmap or first-touch page fault of its own; what
// remains is the protection change that ends its writing. Blocks written
// one after another share pages: they are handed out from the chunk's
// *open* pages (read-write, holding no executable code), and sealing makes
// every open page read+execute with one mprotect. The next block then
// starts on a fresh page, so a page that holds sealed code is never made
// writable again while any of it lives.
//
// A run seals each trace as it is compiled (it runs at once). A caller
// that compiles several traces before running any (the compile benchmark,
// a future background compiler) can hold a `SealBatch` so that all of them
// are sealed by one mprotect when it ends.
//
// Not thread-safe: code is compiled and run on one thread.
#ifndef PYJIT_BACKENDS_CODE_MEMORY_H_
#define PYJIT_BACKENDS_CODE_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace pyjit {

struct CodeChunk;

class CodeBlock {
 public:
  // `size` writable bytes, 64-byte aligned. Write them, then call
  // MakeExecutable before the code runs; allocate no other block between.
  static absl::StatusOr<std::unique_ptr<CodeBlock>> Allocate(size_t size);
  ~CodeBlock();
  CodeBlock(const CodeBlock&) = delete;
  CodeBlock& operator=(const CodeBlock&) = delete;

  uint8_t* base() const { return base_; }
  // Ends writing: the block becomes read+execute now, or when the
  // innermost SealBatch ends.
  absl::Status MakeExecutable();

 private:
  CodeBlock(CodeChunk* chunk, uint8_t* base) : chunk_(chunk), base_(base) {}
  CodeChunk* chunk_;
  uint8_t* base_;
};

// While one exists, MakeExecutable defers sealing to the end of the
// outermost batch. Nothing written in the batch may run before it ends.
class SealBatch {
 public:
  SealBatch();
  ~SealBatch();
  SealBatch(const SealBatch&) = delete;
  SealBatch& operator=(const SealBatch&) = delete;
};

// For tests and --stats: what the arena has done so far in this process.
struct CodeArenaStats {
  size_t chunks_mapped = 0;    // mmap calls
  size_t chunks_unmapped = 0;  // munmap calls
  size_t seals = 0;            // mprotect calls to read+execute
  size_t reopened = 0;         // empty chunks made read-write again for reuse
  size_t live_blocks = 0;
};
CodeArenaStats GetCodeArenaStats();

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_CODE_MEMORY_H_
