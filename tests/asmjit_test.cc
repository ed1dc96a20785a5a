// The asmjit backend covers the whole uop table: every uop is either
// emitted inline or calls its C body, and a trace holding any uop compiles.
// A uop added to the table without either fails here (or, for a missing C
// body, fails to build).
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "backends/asmjit/trace_emitter.h"
#include "backends/registry.h"
#include "ir/trace.h"
#include "runtime/code.h"
#include "runtime/value.h"

namespace pyjit {
namespace {

// A trace that pushes enough ints for `op`, runs it once and leaves. It is
// compiled, never run, so any well-formed operands do.
Trace TraceOf(UopId op, const CodeObject* code) {
  Trace t;
  t.function = "synthetic";
  t.code = code;
  int pops = UopPops(op, 1);
  for (int i = 0; i < pops; ++i) {
    t.uops.push_back(Uop{UopId::LOAD_CONST, PJ_TAG_INT, static_cast<uint64_t>(i + 1), 0, -1});
  }
  t.uops.push_back(Uop{op, 1, 0, 1, 1});
  if (!(InfoOf(op).flags & PJ_F_TERMINAL)) t.uops.push_back(Uop{UopId::EXIT_TRACE, 0, 0, 2, 2});
  return t;
}

TEST(AsmjitTest, EveryUopIsInlineOrCallsItsBody) {
  Backend* backend = FindBackend("asmjit");
  ASSERT_NE(backend, nullptr);
  ASSERT_TRUE(backend->Configure("keep-ir", "1").ok());
  CodeObject code;
  code.name = "synthetic";
  code.local_names = {"a", "b", "c", "d"};
  code.max_stack = 16;
  for (int i = 0; i < kNumUops; ++i) {
    const UopId op = static_cast<UopId>(i);
    const std::string name = InfoOf(op).name;
    absl::StatusOr<std::unique_ptr<Executor>> executor = backend->Compile(TraceOf(op, &code));
    ASSERT_TRUE(executor.ok()) << name << ": " << executor.status();
    EXPECT_GT((*executor)->code_size(), 0u) << name;
    if (asmjit_backend::EmittedInline(op)) continue;
    // Not inline: its code, from its label to the next uop's, calls the body.
    const std::string listing = (*executor)->ir_text();
    const std::string label = "uop " + std::to_string(TraceOf(op, &code).uops.size() - 2) + " " + name;
    size_t start = listing.find(label);
    ASSERT_NE(start, std::string::npos) << name << " has no code in:\n" << listing;
    size_t end = listing.find("\nuop ", start + 1);
    EXPECT_NE(listing.substr(start, end - start).find("call rax"), std::string::npos)
        << name << " is neither inline nor a call:\n" << listing.substr(start, end - start);
  }
}

}  // namespace
}  // namespace pyjit
