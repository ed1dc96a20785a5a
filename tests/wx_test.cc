// W^X for every compiling backend (the house rule: machine code is never
// writable and executable at once): while the traces of real programs are
// compiled and stay live, no mapping of the process is writable and
// executable, and each trace's code lies in a mapping that is executable
// and not writable. One target per backend (tests/BUILD), each in its cell;
// a backend that is not installed skips and says why.
//
// What it cannot see: MIR 1.0.0 makes its own code pages
// read-write-execute for the moment it writes them, inside MIR_link
// (backends/mir/README.md); pyjit never runs code from them, it copies the
// code into its own arena.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/registry.h"
#include "tests/runfiles.h"
#include "tools/traces_of.h"

namespace pyjit {
namespace {

struct Mapping {
  uintptr_t from, to;
  std::string perms, line;
};

std::vector<Mapping> Mappings() {
  std::vector<Mapping> out;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    Mapping m{0, 0, "", line};
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %4s", &m.from, &m.to, perms) == 3) {
      m.perms = perms;
      out.push_back(m);
    }
  }
  return out;
}

std::string WritableAndExecutable() {
  std::string found;
  for (const Mapping& m : Mappings()) {
    if (m.perms[1] == 'w' && m.perms[2] == 'x') found += "\n  " + m.line;
  }
  return found;
}

std::string PermissionsAt(const void* p) {
  const auto at = reinterpret_cast<uintptr_t>(p);
  for (const Mapping& m : Mappings()) {
    if (m.from <= at && at < m.to) return m.perms;
  }
  return "unmapped";
}

class WxTest : public testing::TestWithParam<std::string> {};

TEST_P(WxTest, NoMappingIsWritableAndExecutable) {
  Backend* backend = FindBackend(GetParam());
  ASSERT_NE(backend, nullptr);
  if (absl::Status s = backend->Availability(); !s.ok()) {
    GTEST_SKIP() << GetParam() << ": " << s.message();
  }
  std::vector<ProgramTraces> programs;
  std::vector<std::unique_ptr<Executor>> live;
  size_t checked = 0;
  for (const char* name : {"nbody", "int_loops", "fib_recursive", "sieve"}) {
    const std::string path = RunfilesDir() + "/benchmarks/programs/" + name + ".py";
    absl::StatusOr<ProgramTraces> p = TracesOf(path, OptimizerOptions{});
    ASSERT_TRUE(p.ok()) << p.status();
    programs.push_back(std::move(*p));
    for (const Trace& t : programs.back().traces) {
      absl::StatusOr<std::unique_ptr<Executor>> e = backend->Compile(t);
      ASSERT_TRUE(e.ok()) << name << ": " << e.status();
      const std::string wx = WritableAndExecutable();
      ASSERT_TRUE(wx.empty()) << "after compiling a trace of " << name << ":" << wx;
      if ((*e)->code() != nullptr && (*e)->code_size() > 0) {
        const std::string perms = PermissionsAt((*e)->code());
        EXPECT_EQ(perms.substr(0, 3), "r-x") << name << ": the trace's code is in a " << perms
                                             << " mapping";
        ++checked;
      }
      live.push_back(std::move(*e));
    }
  }
  EXPECT_GT(checked, 0u) << "no trace had machine code to check";
  EXPECT_EQ(WritableAndExecutable(), "") << "with " << live.size() << " traces live";
  std::printf("%s: %zu traces live, %zu code addresses checked, no W+X mapping\n",
              GetParam().c_str(), live.size(), checked);
}

INSTANTIATE_TEST_SUITE_P(Backends, WxTest,
                         testing::Values("copy_and_patch", "asmjit", "mir", "llvm"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace pyjit
