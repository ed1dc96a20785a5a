#include "backends/code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

namespace pyjit {

absl::StatusOr<std::unique_ptr<CodeBlock>> CodeBlock::Allocate(size_t size) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t mapped = (size + page - 1) / page * page;
  void* p = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return absl::ResourceExhaustedError("mmap of code memory failed");
  return std::unique_ptr<CodeBlock>(new CodeBlock(static_cast<uint8_t*>(p), mapped));
}

CodeBlock::~CodeBlock() { munmap(base_, mapped_); }

absl::Status CodeBlock::MakeExecutable() {
  if (mprotect(base_, mapped_, PROT_READ | PROT_EXEC) != 0) {
    return absl::InternalError("mprotect to read+execute failed");
  }
  return absl::OkStatus();
}

}  // namespace pyjit
