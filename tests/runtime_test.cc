// Unit tests of the runtime: value formatting, operator semantics, the
// collector, and the tier-1 interpreter's counters and errors.
#include <cmath>
#include <string>

#include <gmp.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "frontend/compiler.h"
#include "runtime/block_pool.h"
#include "runtime/builtins.h"
#include "runtime/code.h"
#include "runtime/errors.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/interpreter.h"
#include "runtime/ops.h"

namespace pyjit {
namespace {

struct RunOutput {
  bool ok;
  std::string out;
  std::string error;
};

RunOutput RunSource(const std::string& text, Program* keep = nullptr) {
  ClearError();
  absl::StatusOr<Program> program = CompileSource(SourceFile{"t.py", text});
  EXPECT_TRUE(program.ok()) << program.status();
  std::string out;
  StdOut().CaptureInto(&out);
  Interpreter interpreter(*program);
  bool ok = interpreter.Run();
  StdOut().CaptureInto(nullptr);
  RunOutput result{ok, out, ok ? "" : interpreter.FormatError()};
  if (keep != nullptr) *keep = std::move(*program);
  return result;
}

TEST(FormatTest, FloatReprIsShortestRoundTrip) {
  EXPECT_EQ(FormatFloat(0.1), "0.1");
  EXPECT_EQ(FormatFloat(1e16), "1e+16");
  EXPECT_EQ(FormatFloat(1e15), "1000000000000000.0");
  EXPECT_EQ(FormatFloat(1.5e-7), "1.5e-07");
  EXPECT_EQ(FormatFloat(0.0001), "0.0001");
  EXPECT_EQ(FormatFloat(-0.0), "-0.0");
  EXPECT_EQ(FormatFloat(INFINITY), "inf");
  EXPECT_EQ(FormatFloat(NAN), "nan");
  EXPECT_EQ(FormatFloat(123456789012345678.0), "1.2345678901234568e+17");
}

TEST(FormatTest, StringReprChoosesQuotes) {
  EXPECT_EQ(ReprString("it's", 4), "\"it's\"");
  EXPECT_EQ(ReprString("a\"b", 3), "'a\"b'");
  EXPECT_EQ(ReprString("a'b\"", 4), "'a\\'b\"'");
  EXPECT_EQ(ReprString("\n\x07", 2), "'\\n\\x07'");
}

TEST(OpsTest, FloorDivisionAndModuloRoundDown) {
  auto op = [](BinaryOp o, int64_t a, int64_t b) {
    return pj_binary_op(static_cast<int32_t>(o), pj_int(a), pj_int(b)).as.i;
  };
  EXPECT_EQ(op(BinaryOp::kFloorDiv, -7, 2), -4);
  EXPECT_EQ(op(BinaryOp::kMod, -7, 2), 1);
  EXPECT_EQ(op(BinaryOp::kMod, 7, -2), -1);
  EXPECT_EQ(op(BinaryOp::kFloorDiv, 7, -2), -4);
}

TEST(OpsTest, IntFloatComparisonIsExact) {
  int64_t big = (int64_t{1} << 53) + 1;
  PjValue f = pj_float(static_cast<double>(int64_t{1} << 53));
  EXPECT_EQ(pj_compare_op(static_cast<int32_t>(CompareOp::kEq), pj_int(big), f).as.i, 0);
  EXPECT_EQ(pj_compare_op(static_cast<int32_t>(CompareOp::kGt), pj_int(big), f).as.i, 1);
}

// Ints are small whenever they fit: the fast paths rely on it.
TEST(OpsTest, OverflowBecomesBigIntAndShrinksBack) {
  auto binary = [](BinaryOp o, PjValue a, PjValue b) {
    return pj_binary_op(static_cast<int32_t>(o), a, b);
  };
  PjValue big = binary(BinaryOp::kMul, pj_int(INT64_MAX), pj_int(2));
  ASSERT_EQ(big.tag, PJ_TAG_BIGINT);
  EXPECT_EQ(Repr(big), "18446744073709551614");
  PjValue back = binary(BinaryOp::kFloorDiv, big, pj_int(2));
  ASSERT_EQ(back.tag, PJ_TAG_INT);
  EXPECT_EQ(back.as.i, INT64_MAX);
  PjValue min = binary(BinaryOp::kSub, pj_int(INT64_MIN + 1), pj_int(1));
  ASSERT_EQ(min.tag, PJ_TAG_INT);  // the boundary itself is still small
  EXPECT_EQ(min.as.i, INT64_MIN);
  PjValue negated = pj_unary_op(static_cast<int32_t>(UnaryOp::kNegative), min);
  EXPECT_EQ(negated.tag, PJ_TAG_BIGINT);
}

TEST(HeapTest, CollectorFreesOnlyUnreachableObjects) {
  Heap heap;
  PjList* kept = heap.NewList(1);
  PjStr* inner = heap.NewStr("inner");
  kept->items[0] = pj_object(PJ_TAG_STR, &inner->head);
  heap.NewStr("garbage");
  heap.NewTuple(3);
  size_t before = heap.live_bytes();
  heap.Collect([&](RootMarker& m) { m.Mark(&kept->head); });
  EXPECT_LT(heap.live_bytes(), before);
  EXPECT_EQ(heap.collections(), 1);
  EXPECT_STREQ(inner->data, "inner");  // still alive and intact
  size_t after_first = heap.live_bytes();
  heap.Collect([&](RootMarker& m) { m.Mark(&kept->head); });
  EXPECT_EQ(heap.live_bytes(), after_first);  // nothing more to free
}

TEST(BlockPoolTest, ClassesRoundUpAndFreedBlocksComeBack) {
  EXPECT_EQ(BlockClass(0), 1u);
  EXPECT_EQ(BlockClass(16), 1u);
  EXPECT_EQ(BlockClass(17), 2u);
  EXPECT_EQ(BlockClass(kLargestPooledBlock), kLargestPooledBlock / kBlockGranule);
  EXPECT_EQ(BlockClass(kLargestPooledBlock + 1), 0u);  // malloc's
  void* a = AllocateBlock(3);
  void* b = AllocateBlock(3);
  EXPECT_NE(a, b);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 16, 0u);
  FreeBlock(a, 3);
  void* other = AllocateBlock(4);
  EXPECT_NE(other, a);  // another class does not take it
  EXPECT_EQ(AllocateBlock(3), a);
  FreeBlock(other, 4);
  FreeBlock(a, 3);
  FreeBlock(b, 3);
}

// Big ints through many sweeps: their objects and GMP's limbs go back to
// the pool and are handed out again, growing across classes and past the
// largest pooled size, and every value must stay exact (GMP's own factorial
// is the reference).
TEST(HeapTest, BigIntsStayExactWhileTheirBlocksAreRecycled) {
  PjValue product = pj_int(1);
  for (int i = 2; i <= 1000; ++i) {
    product = pj_binary_op(static_cast<int32_t>(BinaryOp::kMul), product, pj_int(i));
    pj_binary_op(static_cast<int32_t>(BinaryOp::kAdd), product, product);  // garbage
    if (i % 50 == 0) {
      TheHeap().Collect([&](RootMarker& m) {
        if (product.tag == PJ_TAG_BIGINT) m.Mark(product.as.obj);
      });
    }
  }
  mpz_t reference;
  mpz_init(reference);
  mpz_fac_ui(reference, 1000);
  std::string digits(mpz_sizeinbase(reference, 10) + 2, '\0');
  mpz_get_str(digits.data(), 10, reference);
  digits.resize(std::char_traits<char>::length(digits.c_str()));
  mpz_clear(reference);
  EXPECT_EQ(Repr(product), digits);
  EXPECT_GT(TheHeap().collections(), 0);
}

TEST(InterpreterTest, RunsAndPrints) {
  RunOutput r = RunSource("def sq(x):\n  return x * x\nprint(sq(7), [sq(2)])\n");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.out, "49 [4]\n");
}

TEST(InterpreterTest, CountsBackEdgesOfLoopHeads) {
  Program program;
  RunOutput r = RunSource("i = 0\nwhile i < 25:\n  i += 1\n", &program);
  ASSERT_TRUE(r.ok) << r.error;
  const CodeObject& code = *program.module_code;
  uint32_t total = 0;
  for (size_t pc = 0; pc < code.code.size(); ++pc) {
    if (code.code[pc].op == Op::JUMP_BACKWARD) total += code.backedge_counts[pc];
  }
  EXPECT_EQ(total, 25u);
}

TEST(InterpreterTest, RecordsOperandTypes) {
  Program program;
  RunOutput r = RunSource("x = 0\nfor i in range(4):\n  x = x + 0.5\n", &program);
  ASSERT_TRUE(r.ok) << r.error;
  const CodeObject& code = *program.module_code;
  bool found = false;
  for (size_t pc = 0; pc < code.code.size(); ++pc) {
    if (code.code[pc].op != Op::BINARY_OP) continue;
    found = true;
    EXPECT_EQ(code.feedback[pc].left, kSeenInt | kSeenFloat);
    EXPECT_EQ(code.feedback[pc].right, kSeenFloat);
  }
  EXPECT_TRUE(found);
}

TEST(InterpreterTest, ErrorKeepsOutputAndReportsTraceback) {
  RunOutput r = RunSource("print('a')\ndef f(x):\n  return 1 // x\nf(0)\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.out, "a\n");
  EXPECT_NE(r.error.find("line 4, in <module>"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("line 3, in f"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("ZeroDivisionError: integer division or modulo by zero\n"),
            std::string::npos);
}

TEST(InterpreterTest, SurvivesCollectionsInAllocatingLoops) {
  RunOutput r = RunSource(
      "keep = []\nfor i in range(300000):\n  t = (i, [i])\n  if i % 100000 == 0:\n"
      "    keep.append(t)\nprint(keep)\n");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.out, "[(0, [0]), (100000, [100000]), (200000, [200000])]\n");
  EXPECT_GT(TheHeap().collections(), 0);
}

// A million dicts (with a view and an iterator each) made and dropped in a
// loop: the collector traces and frees them, so the heap's peak stays near
// the collection threshold (16 MiB) instead of growing with the loop.
TEST(HeapTest, DictsMadeInALoopAreCollected) {
  TheHeap().ResetPeak();
  RunOutput r = RunSource(
      "kept = []\nfor i in range(1000000):\n  d = {'k': i, i: [i]}\n  v = list(d.items())\n"
      "  if i % 250000 == 0:\n    kept.append(d)\nprint(len(kept), kept[-1]['k'])\n");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.out, "4 750000\n");
  EXPECT_GT(TheHeap().collections(), 0);
  EXPECT_LT(TheHeap().peak_bytes(), size_t{64} << 20);
}

// Sets, cells (a closure per call), functions and generators made in a
// loop and dropped are collected too.
TEST(HeapTest, SetsCellsAndGeneratorsMadeInALoopAreCollected) {
  TheHeap().ResetPeak();
  constexpr int64_t kCalls = 1000000;
  RunOutput r = RunSource(absl::StrCat(
      "def make(i):\n  s = {i, i + 1}\n  def size():\n    return len(s)\n  return size\n"
      "total = 0\nfor i in range(", kCalls, "):\n  f = make(i)\n"
      "  total += f() + sum(x for x in (i, 1))\nprint(total)\n"));
  EXPECT_TRUE(r.ok) << r.error;
  // Each call adds 2 (the set's size) + i + 1.
  EXPECT_EQ(r.out, absl::StrCat(kCalls * (kCalls - 1) / 2 + 3 * kCalls, "\n"));
  EXPECT_GT(TheHeap().collections(), 0);
  EXPECT_LT(TheHeap().peak_bytes(), size_t{64} << 20);
}

// Exceptions raised, caught and dropped: the objects, their argument
// tuples, their tracebacks and the exceptions they were raised while
// handling (a chain through __context__) are all collected.
TEST(HeapTest, ExceptionsCaughtInALoopAreCollected) {
  TheHeap().ResetPeak();
  RunOutput r = RunSource(
      "def f(i):\n  try:\n    return {}[i]\n  except KeyError:\n    raise ValueError(i)\n"
      "kept = []\nfor i in range(1000000):\n  try:\n    f(i)\n  except ValueError as e:\n"
      "    if i % 250000 == 0:\n      kept.append(e)\n"
      "print(len(kept), kept[-1].args, str(kept[-1]))\n");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.out, "4 (750000,) 750000\n");
  EXPECT_GT(TheHeap().collections(), 0);
  EXPECT_LT(TheHeap().peak_bytes(), size_t{64} << 20);
}

}  // namespace
}  // namespace pyjit
