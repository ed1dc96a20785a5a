#include "runtime/block_pool.h"

#include <gmp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace pyjit {
namespace {

constexpr uint32_t kClasses = kLargestPooledBlock / kBlockGranule + 1;
constexpr size_t kChunkBytes = size_t{64} << 10;

struct FreeBlockLink {
  FreeBlockLink* next;
};

// Plain zero-initialized data: ready before any constructor runs, since
// GMP may allocate from one.
FreeBlockLink* free_lists[kClasses];
char* chunk_next = nullptr;
char* chunk_end = nullptr;

}  // namespace

void* AllocateBlock(uint32_t block_class) {
  if (FreeBlockLink* block = free_lists[block_class]) {
    free_lists[block_class] = block->next;
    return block;
  }
  const size_t bytes = kBlockGranule * block_class;
  if (static_cast<size_t>(chunk_end - chunk_next) < bytes) {
    // The chunk's tail (smaller than any block left to carve) is dropped.
    chunk_next = static_cast<char*>(std::malloc(kChunkBytes));
    if (chunk_next == nullptr) throw std::bad_alloc();
    chunk_end = chunk_next + kChunkBytes;
  }
  void* block = chunk_next;
  chunk_next += bytes;
  return block;
}

void FreeBlock(void* block, uint32_t block_class) {
  auto* link = static_cast<FreeBlockLink*>(block);
  link->next = free_lists[block_class];
  free_lists[block_class] = link;
}

namespace {

// GMP's memory functions: it passes every block's size back when it frees
// or grows it, so the class needs no header.
void* GmpAllocate(size_t bytes) {
  if (uint32_t c = BlockClass(bytes)) return AllocateBlock(c);
  void* block = std::malloc(bytes);
  if (block == nullptr) {
    // GMP cannot unwind; its own allocator aborts here too.
    std::fprintf(stderr, "pyjit: out of memory for a big int of %zu bytes\n", bytes);
    std::abort();
  }
  return block;
}

void GmpFree(void* block, size_t bytes) {
  if (uint32_t c = BlockClass(bytes)) {
    FreeBlock(block, c);
  } else {
    std::free(block);
  }
}

void* GmpReallocate(void* block, size_t old_bytes, size_t new_bytes) {
  const uint32_t old_class = BlockClass(old_bytes), new_class = BlockClass(new_bytes);
  if (old_class != 0 && old_class == new_class) return block;
  if (old_class == 0 && new_class == 0) {
    void* grown = std::realloc(block, new_bytes);
    if (grown == nullptr) {
      std::fprintf(stderr, "pyjit: out of memory for a big int of %zu bytes\n", new_bytes);
      std::abort();
    }
    return grown;
  }
  void* moved = GmpAllocate(new_bytes);
  std::memcpy(moved, block, std::min(old_bytes, new_bytes));
  GmpFree(block, old_bytes);
  return moved;
}

// Before any other constructor (101 is the first priority programs may
// use), so that no GMP block is ever allocated by malloc and freed here.
__attribute__((constructor(101))) void InstallGmpAllocator() {
  mp_set_memory_functions(GmpAllocate, GmpReallocate, GmpFree);
}

}  // namespace
}  // namespace pyjit
