// The code arena (backends/code_memory.h): blocks run after MakeExecutable,
// no mapping is ever writable and executable at once, sealed code is not
// writable, and memory is reused rather than mapped per block.
#include "backends/code_memory.h"

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace pyjit {
namespace {

// x86-64: mov eax, value; ret
void WriteReturn(uint8_t* at, int32_t value) {
  at[0] = 0xB8;
  std::memcpy(at + 1, &value, 4);
  at[5] = 0xC3;
}

int32_t Call(const CodeBlock& block) {
  return reinterpret_cast<int32_t (*)()>(block.base())();
}

std::unique_ptr<CodeBlock> ReturningBlock(int32_t value, size_t size = 6) {
  absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(size);
  EXPECT_TRUE(block.ok()) << block.status();
  WriteReturn((*block)->base(), value);
  return std::move(*block);
}

// The lines of /proc/self/maps whose permissions hold both w and x.
std::vector<std::string> WritableAndExecutableMappings() {
  std::ifstream maps("/proc/self/maps");
  std::vector<std::string> found;
  for (std::string line; std::getline(maps, line);) {
    std::istringstream fields(line);
    std::string range, perms;
    fields >> range >> perms;
    if (perms.find('w') != std::string::npos && perms.find('x') != std::string::npos) {
      found.push_back(line);
    }
  }
  return found;
}

// The protection of the page holding `p`, as /proc/self/maps gives it.
std::string PermissionsAt(const void* p) {
  const auto at = reinterpret_cast<uintptr_t>(p);
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    uintptr_t from = 0, to = 0;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %4s", &from, &to, perms) == 3 && from <= at &&
        at < to) {
      return perms;
    }
  }
  return "unmapped";
}

uintptr_t PageOf(const void* p) {
  return reinterpret_cast<uintptr_t>(p) / static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
}

TEST(CodeMemoryTest, BlockIsWritableUntilSealedThenExecutableOnly) {
  absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(6);
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(PermissionsAt((*block)->base()).substr(0, 3), "rw-");
  WriteReturn((*block)->base(), 42);
  ASSERT_TRUE((*block)->MakeExecutable().ok());
  EXPECT_EQ(PermissionsAt((*block)->base()).substr(0, 3), "r-x");
  EXPECT_EQ(Call(**block), 42);
  EXPECT_TRUE(WritableAndExecutableMappings().empty());
}

TEST(CodeMemoryDeathTest, SealedCodeCannotBeWritten) {
  std::unique_ptr<CodeBlock> block = ReturningBlock(7);
  ASSERT_TRUE(block->MakeExecutable().ok());
  EXPECT_DEATH(*reinterpret_cast<volatile uint8_t*>(block->base()) = 0xC3, "");
}

TEST(CodeMemoryTest, EachSealedBlockStartsOnAFreshPage) {
  std::unique_ptr<CodeBlock> a = ReturningBlock(1);
  ASSERT_TRUE(a->MakeExecutable().ok());
  std::unique_ptr<CodeBlock> b = ReturningBlock(2);
  // b's page was never executable: writing it leaves a's page sealed.
  EXPECT_NE(PageOf(a->base()), PageOf(b->base()));
  EXPECT_EQ(PermissionsAt(a->base()).substr(0, 3), "r-x");
  ASSERT_TRUE(b->MakeExecutable().ok());
  EXPECT_EQ(Call(*a) + Call(*b), 3);
}

TEST(CodeMemoryTest, ABatchSharesPagesAndSealsOnce) {
  std::vector<std::unique_ptr<CodeBlock>> blocks;
  const size_t seals_before = GetCodeArenaStats().seals;
  {
    SealBatch batch;
    for (int i = 0; i < 20; ++i) {
      blocks.push_back(ReturningBlock(i));
      ASSERT_TRUE(blocks.back()->MakeExecutable().ok());
      EXPECT_EQ(PermissionsAt(blocks.back()->base()).substr(0, 3), "rw-");
    }
    EXPECT_EQ(GetCodeArenaStats().seals, seals_before);
  }
  EXPECT_EQ(GetCodeArenaStats().seals, seals_before + 1);
  EXPECT_EQ(PageOf(blocks.front()->base()), PageOf(blocks.back()->base()));
  int32_t sum = 0;
  for (const auto& b : blocks) sum += Call(*b);
  EXPECT_EQ(sum, 19 * 20 / 2);
  EXPECT_TRUE(WritableAndExecutableMappings().empty());
}

TEST(CodeMemoryTest, FreedMemoryIsReusedNotMappedAgain) {
  const CodeArenaStats before = GetCodeArenaStats();
  // Many more blocks than one chunk holds, one live at a time.
  for (int i = 0; i < 2000; ++i) {
    std::unique_ptr<CodeBlock> block = ReturningBlock(i, 1000);
    ASSERT_TRUE(block->MakeExecutable().ok());
    ASSERT_EQ(Call(*block), i);
  }
  const CodeArenaStats after = GetCodeArenaStats();
  EXPECT_EQ(after.live_blocks, before.live_blocks);
  EXPECT_LE(after.chunks_mapped - before.chunks_mapped, 2u);
  EXPECT_GE(after.reopened - before.reopened, 1u);
  EXPECT_TRUE(WritableAndExecutableMappings().empty());
}

TEST(CodeMemoryTest, ABlockLargerThanAChunk) {
  const size_t size = size_t{3} << 20;
  absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(size);
  ASSERT_TRUE(block.ok());
  std::memset((*block)->base(), 0xCC, size);
  WriteReturn((*block)->base() + size - 6, 99);
  ASSERT_TRUE((*block)->MakeExecutable().ok());
  EXPECT_EQ(reinterpret_cast<int32_t (*)()>((*block)->base() + size - 6)(), 99);
  EXPECT_EQ(PermissionsAt((*block)->base() + size - 1).substr(0, 3), "r-x");
}

}  // namespace
}  // namespace pyjit
