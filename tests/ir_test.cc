// Tests of the tier-2 IR: every uop has a body, the text form reads back to
// the identical trace (on every trace the differential programs make), the
// verifier accepts every trace the projector and optimizer make, and
// malformed IR text is refused with a position.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_format.h"

#include "ir/loop_globals.h"
#include "ir/optimizer.h"
#include "ir/trace.h"
#include "ir/uop_body_table.h"
#include "ir/verifier.h"
#include "runtime/builtins.h"
#include "runtime/value.h"
#include "tools/traces_of.h"

namespace pyjit {
namespace {

// ir/uop_body_table.h is generated from the table: a uop without a
// pj_uop_<NAME> body does not compile, and every entry must be a function.
TEST(UopTableTest, EveryUopHasABodyAndAUniqueName) {
  std::set<std::string> names;
  for (int i = 0; i < kNumUops; ++i) {
    EXPECT_NE(BodyOf(static_cast<UopId>(i)), nullptr);
    const UopInfo& info = InfoOf(static_cast<UopId>(i));
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    if (info.flags & (PJ_F_EXIT | PJ_F_GUARD)) {
      EXPECT_TRUE(info.kinds & PJ_K_EXIT) << info.name << " can exit but has no exit target";
    }
  }
}

// The traces a program makes; they point into its code, which is kept for
// the rest of the test run.
std::vector<Trace> TracesOf(const std::string& path, bool optimize, uint32_t threshold = 1) {
  static std::vector<std::unique_ptr<Program>> programs;
  absl::StatusOr<ProgramTraces> result =
      pyjit::TracesOf(path, optimize ? OptimizerOptions{} : OptimizerOptions::None(), threshold);
  if (!result.ok()) return {};  // refused programs make no traces
  programs.push_back(std::move(result->program));
  return std::move(result->traces);
}

TEST(TraceTextTest, EveryTraceOfTheSuiteReadsBackIdentically) {
  int checked = 0, inlining = 0, inside_inlined = 0;
  for (const auto& entry : std::filesystem::directory_iterator("tests/programs")) {
    if (entry.path().extension() != ".py") continue;
    for (bool optimize : {true, false}) {
      for (const Trace& trace : TracesOf(entry.path().string(), optimize)) {
        EXPECT_TRUE(VerifyTrace(trace, *trace.code).ok()) << entry.path();
        std::string text = PrintTrace(trace);
        absl::StatusOr<Trace> parsed = ParseTrace(text);
        ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
        EXPECT_TRUE(*parsed == trace) << text << "\nreads back as\n" << PrintTrace(*parsed);
        ++checked;
        if (!trace.inlined.empty()) ++inlining;
        if (trace.entry_frame != 0) ++inside_inlined;
      }
    }
  }
  EXPECT_GT(checked, 100);  // the suite's loops really were traced
  EXPECT_GT(inlining, 10);  // and calls in them inlined
  EXPECT_GT(inside_inlined, 0);  // and side traces started inside those
}

TEST(TraceTextTest, MalformedTextIsRefusedWithAPosition) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"", "1:1: empty trace text"},
      {"trace f head=@0 depth=0\n  LOAD_FAST @1 -> @1\nend\n", "2:13: LOAD_FAST expects an oparg"},
      {"trace f head=@0 depth=0\n  FROB 1 @1\nend\n", "2:3: unknown uop 'FROB'"},
      {"trace f head=@0 depth=0\n  GUARD_BOTH_INT @3\nend\n",
       "2:20: GUARD_BOTH_INT expects an exit target `-> @PC`"},
      {"trace f head=@0 depth=0\n  NOP @1\n", "3:1: missing `end`"},
      {"trace f head=0 depth=0\nend\n", "1:15: expected head=@PC"},
      {"trace f head=@0 depth=0\n  LOAD_CONST 3 12 @1\nend\n",
       "2:16: LOAD_CONST expects a hex operand 0x..."},
      {"trace f head=@0 depth=0\ninline g caller=1 call=@3 base=0 nlocals=1\nend\n",
       "2:10: caller 1 is not an earlier frame"},
      {"trace f head=@0 depth=0\ninline g caller=0 call=3 base=0 nlocals=1\nend\n",
       "2:19: expected call=@PC"},
      {"trace f head=@0 depth=0\ninline g caller=0 call=@3 base=0 nlocals=1\n"
       "  POP_TOP @1 in 2\nend\n",
       "3:17: expected an inlined call's number after `in`"},
      {"trace f head=@0 depth=0\n  NOP @1\ninline g caller=0 call=@3 base=0 nlocals=1\nend\n",
       "3:7: `inline` lines come before the uops"},
      {"trace f head=@0 depth=3 frame=0\nend\n",
       "1:25: expected frame=K (an inlined call, from 1) or the end of the header"},
      {"trace f head=@0 depth=3 frame=2\ninline g caller=0 call=@3 base=0 nlocals=1\nend\n",
       "1:1: frame=2 is not an inlined call"},
      {"trace f head=@0 depth=0\nloop:\n  NOP @1\nend\n",
       "2:6: `loop:` comes once, after the first iteration's uops"},
      {"trace f head=@0 depth=0\n  NOP @1\nloop: NOP @1\nend\n",
       "3:7: unexpected text after `loop:`"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Trace> t = ParseTrace(c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().message(), c.error) << c.text;
  }
}

TEST(VerifierTest, RefusesAWrongExitDepth) {
  std::vector<Trace> traces = TracesOf("tests/ir_golden/while_sum.py", true);
  ASSERT_FALSE(traces.empty());
  Trace bad = traces[0];
  // Exiting before the first load, but claiming to exit where tier 1 has
  // one more value on its stack.
  bad.uops.insert(bad.uops.begin(), Uop{UopId::GUARD_TOS_INT, 0, 0, bad.loop_head,
                                        bad.loop_head + 1});
  absl::Status s = VerifyTrace(bad, *bad.code);
  EXPECT_FALSE(s.ok());
}

// A trace of the suite that inlines calls and may exit inside them, for
// breaking on purpose.
Trace InliningTrace() {
  for (const Trace& t : TracesOf("tests/programs/err_inlined_unbound_local.py", true)) {
    for (const Uop& u : t.uops) {
      if (u.frame != 0 && (InfoOf(u.op).kinds & PJ_K_EXIT)) return t;
    }
  }
  return Trace{};
}

TEST(VerifierTest, ChecksInlinedCalls) {
  const Trace good = InliningTrace();
  ASSERT_FALSE(good.inlined.empty());
  ASSERT_TRUE(VerifyTrace(good, *good.code).ok());
  auto refused = [&](Trace bad, const std::string& why) {
    absl::Status s = VerifyTrace(bad, *bad.code);
    EXPECT_FALSE(s.ok()) << why;
    EXPECT_NE(s.message().find(why), absl::string_view::npos) << s.message();
  };
  Trace t = good;
  t.inlined[0].base += 1;  // the callee is not where the caller's call has it
  refused(t, "is not where the caller's call has its callee");
  t = good;
  t.inlined[0].call_pc = good.loop_head;  // not a CALL
  refused(t, "is not a CALL of its caller");
  t = good;
  t.inlined[0].code = nullptr;
  refused(t, "its code is unknown");
  // A local of an inlined call read as a local of the trace's frame.
  t = good;
  auto in_callee = std::find_if(t.uops.begin(), t.uops.end(), [](const Uop& u) {
    return u.frame != 0 && u.op == UopId::COPY;
  });
  ASSERT_NE(in_callee, t.uops.end());
  *in_callee = Uop{UopId::LOAD_FAST, 0, 0, in_callee->pc, in_callee->pc, in_callee->frame};
  refused(t, "an inlined call's locals are stack values");
  // An exit inside the callee that claims a stack tier 1 does not have.
  t = good;
  auto guard = std::find_if(t.uops.begin(), t.uops.end(), [](const Uop& u) {
    return u.frame != 0 && (InfoOf(u.op).kinds & PJ_K_EXIT);
  });
  ASSERT_NE(guard, t.uops.end());
  guard->frame = 0;  // its pc read in the caller's code, at the caller's depth
  EXPECT_FALSE(VerifyTrace(t, *t.code).ok());
}

TEST(UopTableTest, EveryOpargHasAMeaning) {
  // PJ_UOP_OPARGS names what each oparg is, so that the verifier can check
  // its range: exactly the uops that take one are listed.
  for (int i = 0; i < kNumUops; ++i) {
    const UopInfo& info = InfoOf(static_cast<UopId>(i));
    EXPECT_EQ((info.kinds & PJ_K_OPARG) != 0, info.oparg != OpargKind::kNone)
        << info.name << ": in PJ_UOP_OPARGS if and only if it takes an oparg";
  }
}

TEST(VerifierTest, RefusesAnOpargOutOfItsRange) {
  std::vector<Trace> traces = TracesOf("tests/ir_golden/while_sum.py", true);
  ASSERT_FALSE(traces.empty());
  const Trace& good = traces[0];
  int pc = good.loop_head;
  // A comparison numbered past the six (once computed as >= by the body, <
  // by mir, and refused by asmjit), a local past the code's, a COPY from
  // below the stack.
  for (Uop bad_uop : {Uop{UopId::COMPARE_INT, PJ_ORDER_COUNT, 0, pc},
                      Uop{UopId::LOAD_FAST, good.code->nlocals(), 0, pc, pc},
                      Uop{UopId::COPY, good.entry_depth + 1, 0, pc}}) {
    Trace bad = good;
    std::vector<Uop> prefix;
    if (bad_uop.op == UopId::COMPARE_INT) {
      prefix = {Uop{UopId::LOAD_CONST, PJ_TAG_INT, 1, pc}, Uop{UopId::LOAD_CONST, PJ_TAG_INT, 2, pc}};
    }
    prefix.push_back(bad_uop);
    prefix.push_back(Uop{UopId::POP_TOP, 0, 0, pc});
    bad.uops.insert(bad.uops.begin(), prefix.begin(), prefix.end());
    absl::Status s = VerifyTrace(bad, *bad.code);
    EXPECT_FALSE(s.ok()) << InfoOf(bad_uop.op).name << " with oparg " << bad_uop.oparg;
    EXPECT_NE(s.message().find("oparg"), absl::string_view::npos) << s.message();
  }
}

TEST(OptimizerTest, RemovesGuardsItCanProveAndFoldsConstants) {
  // The loop's trace, made with the feedback of the default threshold.
  std::vector<Trace> traces = TracesOf("tests/ir_golden/list_index.py", false, 16);
  auto loop = std::find_if(traces.begin(), traces.end(), [](const Trace& t) {
    return t.uops.back().op == UopId::JUMP_TO_TOP;
  });
  ASSERT_NE(loop, traces.end());
  const Trace& raw = *loop;
  // Within one iteration (peeling, tested below, makes the trace longer).
  OptimizerOptions no_peel;
  no_peel.peel = false;
  OptimizerStats stats;
  Trace optimized = OptimizeTrace(raw, no_peel, &stats);
  EXPECT_GT(stats.guards_removed, 0);
  EXPECT_LT(optimized.uops.size(), raw.uops.size());
  EXPECT_TRUE(VerifyTrace(optimized, *optimized.code).ok());

  // 2 + 3 < 10 folds away entirely: no arithmetic, no branch guard left.
  Trace t = raw;
  int pc = t.uops.back().pc;
  t.uops = {Uop{UopId::LOAD_CONST, PJ_TAG_INT, 2, pc},
            Uop{UopId::LOAD_CONST, PJ_TAG_INT, 3, pc},
            Uop{UopId::GUARD_BOTH_INT, 0, 0, pc, pc},
            Uop{UopId::BINARY_OP_ADD_INT, 0, 0, pc, pc},
            Uop{UopId::LOAD_CONST, PJ_TAG_INT, 10, pc},
            Uop{UopId::GUARD_BOTH_INT, 0, 0, pc, pc},
            Uop{UopId::COMPARE_INT, 0, 0, pc},
            Uop{UopId::GUARD_TRUE_POP, 0, 0, pc, pc},
            Uop{UopId::JUMP_TO_TOP, 0, 0, pc, pc}};
  OptimizerStats fold_stats;
  Trace folded = OptimizeTrace(t, OptimizerOptions{}, &fold_stats);
  ASSERT_EQ(folded.uops.size(), 1u) << PrintTrace(folded);
  EXPECT_EQ(folded.uops[0].op, UopId::JUMP_TO_TOP);
  EXPECT_EQ(fold_stats.constants_folded, 2);
}

// A loop whose every iteration keeps its locals' types: peeled, the body
// has no type guard and no unbound check left, and JUMP_TO_TOP returns to
// the body. Each pass off leaves its part undone.
TEST(OptimizerTest, PeelsALoopAndDropsWhatItsFirstIterationProves) {
  std::vector<Trace> traces = TracesOf("tests/ir_golden/while_sum.py", false, 16);
  auto loop = std::find_if(traces.begin(), traces.end(), [](const Trace& t) {
    return t.uops.back().op == UopId::JUMP_TO_TOP;
  });
  ASSERT_NE(loop, traces.end());
  OptimizerStats stats;
  Trace peeled = OptimizeTrace(*loop, OptimizerOptions{}, &stats);
  ASSERT_GT(peeled.loop_start, 0) << PrintTrace(peeled);
  EXPECT_EQ(stats.loops_peeled, 1);
  EXPECT_TRUE(VerifyTrace(peeled, *peeled.code).ok()) << PrintTrace(peeled);
  for (size_t i = peeled.loop_start; i < peeled.uops.size(); ++i) {
    const UopId op = peeled.uops[i].op;
    EXPECT_TRUE(op != UopId::GUARD_BOTH_INT && op != UopId::LOAD_FAST)
        << "uop " << i << " of\n" << PrintTrace(peeled);
  }

  OptimizerOptions no_peel;
  no_peel.peel = false;
  OptimizerStats unpeeled_stats;
  Trace unpeeled = OptimizeTrace(*loop, no_peel, &unpeeled_stats);
  EXPECT_EQ(unpeeled.loop_start, 0);
  EXPECT_EQ(unpeeled_stats.loops_peeled, 0);
  EXPECT_TRUE(VerifyTrace(unpeeled, *unpeeled.code).ok());
  EXPECT_GT(unpeeled_stats.guards_before - unpeeled_stats.guards_removed, 0);

  OptimizerOptions no_types;
  no_types.types = false;
  OptimizerStats untyped_stats;
  Trace untyped = OptimizeTrace(*loop, no_types, &untyped_stats);
  EXPECT_EQ(untyped_stats.guards_removed, 0);
  EXPECT_EQ(untyped_stats.unbound_checks_removed, 0);
  EXPECT_TRUE(VerifyTrace(untyped, *untyped.code).ok());
}

// What changes around the loop is not assumed at its top: local 0 is
// proven an int in the first iteration, but every iteration ends by
// storing local 2 (of unknown type) into it, so the body keeps its guard;
// local 1 is never stored, so its guard goes. Every local was loaded once
// before: no unbound check is left in the body.
TEST(OptimizerTest, KeepsGuardsOnWhatTheLoopChanges) {
  absl::StatusOr<Trace> t = ParseTrace(
      "trace f head=@0 depth=0\n"
      "  LOAD_FAST 0 @1 -> @1\n"
      "  GUARD_TOS_INT @2 -> @2\n"
      "  POP_TOP @2\n"
      "  LOAD_FAST 1 @3 -> @3\n"
      "  GUARD_TOS_INT @4 -> @4\n"
      "  POP_TOP @4\n"
      "  LOAD_FAST 2 @5 -> @5\n"
      "  STORE_FAST 0 @6\n"
      "  JUMP_TO_TOP @7 -> @7\n"
      "end\n");
  ASSERT_TRUE(t.ok()) << t.status();
  Trace peeled = OptimizeTrace(*t, OptimizerOptions{}, nullptr);
  ASSERT_EQ(peeled.loop_start, 8) << PrintTrace(peeled);
  std::vector<UopId> body;
  for (size_t i = peeled.loop_start; i < peeled.uops.size(); ++i) body.push_back(peeled.uops[i].op);
  const std::vector<UopId> expected = {
      UopId::LOAD_FAST_BOUND, UopId::GUARD_TOS_INT,   UopId::POP_TOP,
      UopId::LOAD_FAST_BOUND, UopId::POP_TOP,         UopId::LOAD_FAST_BOUND,
      UopId::STORE_FAST,      UopId::JUMP_TO_TOP};
  EXPECT_EQ(body, expected) << PrintTrace(peeled);
  absl::StatusOr<Trace> again = ParseTrace(PrintTrace(peeled));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, peeled);
}

// ir/loop_globals.h: a peeled loop that reads global 0 (a callee, guarded)
// and the builtin that global 1 does not shadow. The body drops what the
// first iteration checked, unless the loop stores that global or has a
// uop that escapes into the runtime (which could rebind any global).
// The builtins' addresses, as the projector writes them (the text form
// prints a LOAD_CONST's value).
std::string BuiltinAddress(std::string_view name) {
  return absl::StrFormat("0x%x", reinterpret_cast<uintptr_t>(LookupBuiltin(name).as.obj));
}

Trace GlobalsLoop(const std::string& body_extra, const std::string& first_extra) {
  const std::string len = BuiltinAddress("len"), abs = BuiltinAddress("abs");
  absl::StatusOr<Trace> t = ParseTrace(
      "trace f head=@0 depth=0\n"
      "  LOAD_GLOBAL 0 @1 -> @1\n"
      "  LOAD_FAST 0 @2 -> @2\n"
      "  GUARD_CALLEE_BUILTIN 1 " + len + " @3 -> @3\n"
      "  POP_TOP @3\n"
      "  POP_TOP @3\n"
      "  LOAD_GLOBAL_BUILTIN 1 " + abs + " @4 -> @4\n"
      "  POP_TOP @4\n" +
      first_extra +
      "loop:\n"
      "  LOAD_GLOBAL 0 @1 -> @1\n"
      "  LOAD_FAST_BOUND 0 @2\n"
      "  GUARD_CALLEE_BUILTIN 1 " + len + " @3 -> @3\n"
      "  POP_TOP @3\n"
      "  POP_TOP @3\n"
      "  LOAD_GLOBAL_BUILTIN 1 " + abs + " @4 -> @4\n"
      "  POP_TOP @4\n" +
      body_extra +
      "  JUMP_TO_TOP @9 -> @9\n"
      "end\n");
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : Trace{};
}

std::vector<UopId> BodyOf(const Trace& t) {
  std::vector<UopId> body;
  for (size_t i = t.loop_start; i < t.uops.size(); ++i) body.push_back(t.uops[i].op);
  return body;
}

TEST(LoopGlobalsTest, DropsTheBodysRechecksOfGlobalsTheLoopCannotRebind) {
  Trace t = GlobalsLoop("", "");
  ASSERT_EQ(t.loop_start, 7);
  EXPECT_EQ(DropRecheckedGlobals(t), 2);
  EXPECT_EQ(t.loop_start, 7);
  const std::vector<UopId> expected = {UopId::LOAD_GLOBAL, UopId::LOAD_FAST_BOUND,
                                       UopId::POP_TOP,     UopId::POP_TOP,
                                       UopId::LOAD_CONST,  UopId::POP_TOP,
                                       UopId::JUMP_TO_TOP};
  EXPECT_EQ(BodyOf(t), expected) << PrintTrace(t);
  const Uop& builtin = t.uops[t.loop_start + 4];
  EXPECT_EQ(builtin.oparg, PJ_TAG_BUILTIN);
  EXPECT_EQ(builtin.operand, reinterpret_cast<uintptr_t>(LookupBuiltin("abs").as.obj));
  EXPECT_EQ(builtin.exit_pc, -1);
  // The first iteration keeps every check.
  EXPECT_EQ(t.uops[2].op, UopId::GUARD_CALLEE_BUILTIN);
  EXPECT_EQ(t.uops[5].op, UopId::LOAD_GLOBAL_BUILTIN);
  absl::StatusOr<Trace> again = ParseTrace(PrintTrace(t));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, t);
}

TEST(LoopGlobalsTest, KeepsTheRechecksOfAGlobalTheLoopStores) {
  const std::string store = "  LOAD_FAST_BOUND 0 @5\n  STORE_GLOBAL 0 @6\n";
  Trace t = GlobalsLoop(store, store);
  EXPECT_EQ(DropRecheckedGlobals(t), 1);  // only global 1's builtin check
  EXPECT_EQ(BodyOf(t)[2], UopId::GUARD_CALLEE_BUILTIN) << PrintTrace(t);
  EXPECT_EQ(BodyOf(t)[5], UopId::LOAD_CONST) << PrintTrace(t);
}

TEST(LoopGlobalsTest, KeepsEveryRecheckWhenAUopEscapesIntoTheRuntime) {
  const std::string call = "  LOAD_FAST_BOUND 0 @5\n  LOAD_FAST_BOUND 0 @6\n"
                           "  BINARY_OP 0 @7\n  POP_TOP @8\n";
  Trace t = GlobalsLoop(call, call);
  const Trace before = t;
  EXPECT_EQ(DropRecheckedGlobals(t), 0);
  EXPECT_EQ(t, before);
}

TEST(LoopGlobalsTest, TheIrPassesFlagTurnsItOff) {
  Trace t = GlobalsLoop("", "");
  OptimizerOptions without = OptimizerOptions::None();
  OptimizerStats stats;
  EXPECT_EQ(OptimizeTrace(t, without, &stats), t);
  OptimizerOptions only = OptimizerOptions::None();
  only.globals = true;
  Trace dropped = OptimizeTrace(t, only, &stats);
  EXPECT_EQ(stats.global_rechecks_removed, 2);
  EXPECT_EQ(BodyOf(dropped).size(), 7u);
}

}  // namespace
}  // namespace pyjit
