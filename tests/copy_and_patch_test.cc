// The copy-and-patch stencil tables that the build generated: one stencil
// per uop of the table, in order, and only hole kinds the patcher knows.
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "backends/copy_and_patch/stencil.h"
#include "ir/trace.h"

namespace pyjit::copy_and_patch {
namespace {

TEST(StencilTest, EveryUopHasAStencil) {
  ASSERT_EQ(kNumUopStencils, static_cast<size_t>(kNumUops));
  for (int i = 0; i < kNumUops; ++i) {
    const Stencil& s = kUopStencils[i];
    EXPECT_STREQ(s.name, InfoOf(static_cast<UopId>(i)).name);
    EXPECT_GT(s.size, 0u) << s.name;
  }
  EXPECT_GT(kTrampolineStencil.size, 0u);
}

// Lists the relocation kinds the tables use (the test log shows them) and
// fails on any hole the patcher could not fill.
TEST(StencilTest, HolesAreOnlyKindsThePatcherKnows) {
  std::map<std::string, int> kinds;
  auto check = [&](const Stencil& s) {
    for (size_t i = 0; i < s.nholes; ++i) {
      const Hole& h = s.holes[i];
      switch (h.kind) {
        case HoleKind::kAbs64: ++kinds["R_X86_64_64"]; break;
        case HoleKind::kPc32: ++kinds["R_X86_64_PC32/PLT32"]; break;
        case HoleKind::kAbs32: ++kinds["R_X86_64_32"]; break;
        case HoleKind::kAbs32S: ++kinds["R_X86_64_32S"]; break;
        case HoleKind::kJump:
          ++kinds["R_X86_64_64 in movabs+jmp (patched as jmp rel32)"];
          EXPECT_TRUE(h.value == HoleValue::kContinue || h.value == HoleValue::kTop) << s.name;
          break;
        default: ADD_FAILURE() << s.name << ": unknown hole kind " << static_cast<int>(h.kind);
      }
      size_t width = h.kind == HoleKind::kAbs64 ? 8 : h.kind == HoleKind::kJump ? 12 : 4;
      EXPECT_LE(h.offset + width, s.size) << s.name << ": hole past the code";
      if (h.value == HoleValue::kSymbol) {
        EXPECT_NE(h.symbol, 0u) << s.name << ": runtime symbol " << h.symbol_name;
      }
    }
  };
  for (size_t i = 0; i < kNumUopStencils; ++i) check(kUopStencils[i]);
  check(kTrampolineStencil);
  for (const auto& [kind, count] : kinds) std::printf("relocation %s: %d holes\n", kind.c_str(), count);
  EXPECT_FALSE(kinds.empty());
}

// A stencil copied without its last bytes loses exactly a jump to the next
// stencil, which then starts there: nothing else.
TEST(StencilTest, OnlyATailJumpToTheNextStencilIsLeftOut) {
  int trimmed = 0;
  for (size_t i = 0; i < kNumUopStencils; ++i) {
    const Stencil& s = kUopStencils[i];
    ASSERT_LE(s.size_before_tail_jump, s.size) << s.name;
    if (s.size_before_tail_jump == s.size) continue;
    ++trimmed;
    bool jump_there = false;
    for (size_t h = 0; h < s.nholes; ++h) {
      const Hole& hole = s.holes[h];
      if (hole.offset >= s.size_before_tail_jump) {
        EXPECT_TRUE(hole.offset == s.size_before_tail_jump && hole.kind == HoleKind::kJump &&
                    hole.value == HoleValue::kContinue)
            << s.name << ": hole at " << hole.offset << " in the left-out tail";
        jump_there = true;
      }
    }
    EXPECT_TRUE(jump_there) << s.name;
    EXPECT_GE(s.size - s.size_before_tail_jump, 12u) << s.name;
  }
  std::printf("stencils ending in a jump to the next one: %d of %zu\n", trimmed, kNumUopStencils);
  EXPECT_GT(trimmed, 0);
}

// A uop that can go on to the next one must have somewhere to go.
TEST(StencilTest, NonTerminalUopsContinue) {
  for (int i = 0; i < kNumUops; ++i) {
    const UopInfo& info = InfoOf(static_cast<UopId>(i));
    if (info.flags & PJ_F_TERMINAL) continue;
    const Stencil& s = kUopStencils[i];
    bool continues = false;
    for (size_t h = 0; h < s.nholes; ++h) continues |= s.holes[h].value == HoleValue::kContinue;
    EXPECT_TRUE(continues) << s.name;
  }
}

}  // namespace
}  // namespace pyjit::copy_and_patch
