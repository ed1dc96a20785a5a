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
        default: ADD_FAILURE() << s.name << ": unknown hole kind " << static_cast<int>(h.kind);
      }
      size_t width = h.kind == HoleKind::kAbs64 ? 8 : 4;
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
        EXPECT_TRUE(hole.offset == s.size_before_tail_jump + 1 &&
                    hole.kind == HoleKind::kPc32 && hole.value == HoleValue::kContinue)
            << s.name << ": hole at " << hole.offset << " in the left-out tail";
        jump_there = true;
      }
    }
    EXPECT_TRUE(jump_there) << s.name;
    EXPECT_EQ(s.size - s.size_before_tail_jump, 5u) << s.name << ": not one jmp rel32";
    EXPECT_EQ(s.code[s.size_before_tail_jump], 0xE9) << s.name << ": not one jmp rel32";
  }
  std::printf("stencils ending in a jump to the next one: %d of %zu\n", trimmed, kNumUopStencils);
  // Every uop that goes on to the next one without a branch (stack motion,
  // loads, specialized arithmetic) ends that way; these are the usual ones.
  for (const char* name : {"LOAD_FAST_BOUND", "STORE_FAST", "LOAD_CONST", "BINARY_OP_ADD_FLOAT",
                           "COPY", "SWAP", "POP_TOP"}) {
    for (size_t i = 0; i < kNumUopStencils; ++i) {
      const Stencil& s = kUopStencils[i];
      if (std::string(s.name) == name) {
        EXPECT_LT(s.size_before_tail_jump, s.size) << name << " keeps its jump to the next uop";
      }
    }
  }
}

// A runtime function is reached by a call or jump with a 32-bit
// displacement (E8/E9, or a conditional 0F 8x), so that the patcher can
// send it through the trace's stub for that function when the code is far
// from it: nothing else may take a runtime function's address that way.
TEST(StencilTest, RuntimeFunctionsAreCalledThroughRel32) {
  int calls = 0;
  for (size_t i = 0; i < kNumUopStencils; ++i) {
    const Stencil& s = kUopStencils[i];
    for (size_t h = 0; h < s.nholes; ++h) {
      const Hole& hole = s.holes[h];
      if (hole.value != HoleValue::kSymbol || hole.kind != HoleKind::kPc32) continue;
      ++calls;
      ASSERT_GE(hole.offset, 2u) << s.name;
      const uint8_t op = s.code[hole.offset - 1], op2 = s.code[hole.offset - 2];
      EXPECT_TRUE(op == 0xE8 || op == 0xE9 || (op2 == 0x0F && (op & 0xF0) == 0x80))
          << s.name << " reaches " << hole.symbol_name << " with opcode " << int{op};
      EXPECT_EQ(hole.addend, -4) << s.name;
    }
  }
  EXPECT_GT(calls, 0);
}

// A trace's block ends with one stub per runtime function its stencils
// call: `jmp *0(%rip)` followed by the function's address.
TEST(StencilTest, LayoutHasAStubPerCalledFunction) {
  Trace trace;
  Uop call;
  call.op = UopId::CALL;
  call.oparg = 1;
  Uop call_method = call;
  call_method.op = UopId::CALL_METHOD;
  Uop exit;
  exit.op = UopId::EXIT_TRACE;
  trace.uops = {call, call, call_method, exit};
  const TraceLayout layout = LayOutTrace(trace);
  ASSERT_EQ(layout.offsets.size(), trace.uops.size() + 1);
  std::set<uintptr_t> called;
  for (const Uop& u : trace.uops) {
    const Stencil& s = kUopStencils[static_cast<int>(u.op)];
    for (size_t h = 0; h < s.nholes; ++h) {
      if (s.holes[h].value == HoleValue::kSymbol && s.holes[h].kind == HoleKind::kPc32) {
        called.insert(s.holes[h].symbol);
      }
    }
  }
  EXPECT_GE(called.size(), 2u);
  EXPECT_EQ(std::set<uintptr_t>(layout.far_symbols.begin(), layout.far_symbols.end()), called);
  EXPECT_EQ(layout.far_symbols.size(), called.size()) << "a function with two stubs";
  EXPECT_GE(layout.stubs, layout.offsets.back());
  EXPECT_EQ(layout.size, layout.stubs + 16 * called.size());
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
