// The mir backend runs MIR's code from a copy (backends/mir/README.md): that
// is only sound if the code does not depend on where it is. Every trace of
// the benchmark programs, generated twice (MIR puts the two at different
// addresses), must give the same bytes. Skips, saying why, without MIR.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_format.h"
#include "backends/registry.h"
#include "tests/runfiles.h"
#include "tools/traces_of.h"

namespace pyjit {
namespace {

// The bytes of both around `at`, for the failure message.
std::string Around(const uint8_t* x, const uint8_t* y, size_t at, size_t n) {
  std::string out = "\n  first:  ";
  size_t from = at >= 12 ? at - 12 : 0, to = std::min(n, at + 12);
  for (size_t i = from; i < to; ++i) out += absl::StrFormat("%02x ", x[i]);
  out += "\n  second: ";
  for (size_t i = from; i < to; ++i) out += absl::StrFormat("%02x ", y[i]);
  return out;
}

TEST(MirTest, TraceCodeIsPositionIndependent) {
  Backend* mir = FindBackend("mir");
  ASSERT_NE(mir, nullptr);
  if (absl::Status s = mir->Availability(); !s.ok()) GTEST_SKIP() << "mir: " << s.message();
  int traces = 0;
  for (const char* level : {"0", "2"}) {
    ASSERT_TRUE(mir->Configure("opt", level).ok());
    for (const auto& entry :
         std::filesystem::directory_iterator(RunfilesDir() + "/benchmarks/programs")) {
      absl::StatusOr<ProgramTraces> p = TracesOf(entry.path().string(), OptimizerOptions{});
      ASSERT_TRUE(p.ok()) << p.status();
      for (const Trace& t : p->traces) {
        absl::StatusOr<std::unique_ptr<Executor>> a = mir->Compile(t);
        absl::StatusOr<std::unique_ptr<Executor>> b = mir->Compile(t);
        ASSERT_TRUE(a.ok() && b.ok()) << entry.path() << ": " << a.status() << " " << b.status();
        ASSERT_GT((*a)->code_size(), 0u);
        ASSERT_EQ((*a)->code_size(), (*b)->code_size()) << entry.path() << " at -O" << level;
        const uint8_t* x = (*a)->code();
        const uint8_t* y = (*b)->code();
        size_t n = (*a)->code_size(), at = 0;
        while (at < n && x[at] == y[at]) ++at;
        EXPECT_EQ(at, n) << entry.path().filename() << " at -O" << level
                         << ": the code differs at byte " << at << " of " << n << " ("
                         << absl::StrFormat("%#x vs %#x", x[at], y[at])
                         << "): it depends on its address" << Around(x, y, at, n);
        ++traces;
      }
    }
  }
  ASSERT_TRUE(mir->Configure("opt", "2").ok());
  EXPECT_GT(traces, 20);
}

}  // namespace
}  // namespace pyjit
