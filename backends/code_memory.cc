#include "backends/code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

namespace pyjit {

// One mapping. Pages [0, open_from) are read+execute (sealed), pages
// [open_from, size) read-write; blocks are handed out at `used`, which is
// never below open_from.
struct CodeChunk {
  uint8_t* base;
  size_t size;
  size_t open_from = 0;
  size_t used = 0;
  size_t live = 0;  // blocks not yet freed
};

namespace {

constexpr size_t kChunkSize = size_t{1} << 20;  // 256 pages: 256 traces sealed one by one
constexpr size_t kBlockAlignment = 64;          // a cache line; >= every stencil's alignment

size_t AlignUp(size_t n, size_t a) { return (n + a - 1) / a * a; }

class CodeArena {
 public:
  absl::StatusOr<CodeChunk*> Take(size_t size) {
    if (current_ != nullptr && AlignUp(current_->used, kBlockAlignment) + size <= current_->size) {
      return current_;
    }
    // Leaving the current chunk: what was written in it is finished (one
    // block at a time), so it can be sealed now rather than at the batch's end.
    if (current_ != nullptr) {
      if (absl::Status s = Seal(); !s.ok()) return s;
      CodeChunk* left = current_;
      current_ = nullptr;
      if (left->live == 0) Release(left);
    }
    const size_t wanted = std::max(kChunkSize, AlignUp(size, page_));
    if (spare_ != nullptr && spare_->size >= wanted) {
      CodeChunk* reused = spare_;
      spare_ = nullptr;
      if (reused->open_from > 0 &&
          mprotect(reused->base, reused->open_from, PROT_READ | PROT_WRITE) != 0) {
        Unmap(reused);
        return absl::InternalError("mprotect of code memory to read-write failed");
      }
      reused->open_from = reused->used = 0;
      ++stats_.reopened;
      current_ = reused;
      return current_;
    }
    void* p = mmap(nullptr, wanted, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return absl::ResourceExhaustedError("mmap of code memory failed");
    ++stats_.chunks_mapped;
    current_ = new CodeChunk{static_cast<uint8_t*>(p), wanted};
    return current_;
  }

  uint8_t* Place(CodeChunk* chunk, size_t size) {
    chunk->used = AlignUp(chunk->used, kBlockAlignment);
    uint8_t* at = chunk->base + chunk->used;
    chunk->used += std::max<size_t>(size, 1);
    ++chunk->live;
    ++stats_.live_blocks;
    return at;
  }

  void Free(CodeChunk* chunk) {
    --chunk->live;
    --stats_.live_blocks;
    if (chunk->live == 0 && chunk != current_) Release(chunk);
  }

  // Makes the current chunk's written open pages read+execute; the next
  // block starts on the page after them.
  absl::Status Seal() {
    CodeChunk* c = current_;
    if (c == nullptr || c->used <= c->open_from) return absl::OkStatus();
    const size_t end = std::min(AlignUp(c->used, page_), c->size);
    if (mprotect(c->base + c->open_from, end - c->open_from, PROT_READ | PROT_EXEC) != 0) {
      return absl::InternalError("mprotect of code memory to read+execute failed");
    }
    ++stats_.seals;
    c->open_from = c->used = end;
    return absl::OkStatus();
  }

  absl::Status MakeExecutable() { return batch_depth_ > 0 ? absl::OkStatus() : Seal(); }
  void BeginBatch() { ++batch_depth_; }
  void EndBatch() {
    if (--batch_depth_ == 0) (void)Seal();  // a failure shows as a crash of unsealed code
  }

  const CodeArenaStats& stats() const { return stats_; }

 private:
  // An empty chunk other than the current one: kept as the spare (one
  // mprotect makes it writable again) or unmapped.
  void Release(CodeChunk* chunk) {
    if (spare_ == nullptr) {
      spare_ = chunk;
    } else {
      Unmap(chunk);
    }
  }
  void Unmap(CodeChunk* chunk) {
    munmap(chunk->base, chunk->size);
    ++stats_.chunks_unmapped;
    delete chunk;
  }

  const size_t page_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  CodeChunk* current_ = nullptr;
  CodeChunk* spare_ = nullptr;
  int batch_depth_ = 0;
  CodeArenaStats stats_;
};

// Never destroyed: executors freed by other static destructors still
// return their blocks to it.
CodeArena& Arena() {
  static CodeArena* arena = new CodeArena;
  return *arena;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CodeBlock>> CodeBlock::Allocate(size_t size) {
  absl::StatusOr<CodeChunk*> chunk = Arena().Take(size);
  if (!chunk.ok()) return chunk.status();
  return std::unique_ptr<CodeBlock>(new CodeBlock(*chunk, Arena().Place(*chunk, size)));
}

CodeBlock::~CodeBlock() { Arena().Free(chunk_); }

absl::Status CodeBlock::MakeExecutable() { return Arena().MakeExecutable(); }

SealBatch::SealBatch() { Arena().BeginBatch(); }
SealBatch::~SealBatch() { Arena().EndBatch(); }

CodeArenaStats GetCodeArenaStats() { return Arena().stats(); }

}  // namespace pyjit
