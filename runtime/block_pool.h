// Small blocks recycled by size class, for heap objects and GMP's limbs.
//
// The collector frees in bursts (a sweep) while the program allocates in a
// stream; glibc's malloc takes its slow paths on that pattern (bigint_arith
// spent half its time in malloc and free). Here a freed block goes on its
// class's free list and the next allocation of that class takes it back.
// Single-threaded, like the rest of the runtime. Blocks never go back to
// the system: the pool holds at most the peak of what was live at once.
#ifndef PYJIT_RUNTIME_BLOCK_POOL_H_
#define PYJIT_RUNTIME_BLOCK_POOL_H_

#include <cstddef>
#include <cstdint>

namespace pyjit {

constexpr size_t kBlockGranule = 16;
constexpr size_t kLargestPooledBlock = 512;

// The class of a block of `bytes`: 0 for blocks malloc serves (too big).
inline uint32_t BlockClass(size_t bytes) {
  if (bytes > kLargestPooledBlock) return 0;
  return static_cast<uint32_t>((bytes + kBlockGranule - 1) / kBlockGranule) + (bytes == 0);
}

// A block of class `block_class` (at least 1): kBlockGranule * block_class
// bytes, 16-byte aligned, contents undefined.
void* AllocateBlock(uint32_t block_class);
// Returns a block that AllocateBlock gave for the same class.
void FreeBlock(void* block, uint32_t block_class);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_BLOCK_POOL_H_
