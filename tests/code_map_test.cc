// Compiled code as perf and `pyjit profile` see it (backends/code_map.h),
// per compiling backend, on the traces of real programs:
//  - CodeRangesOf covers each trace's code exactly, in order, without gaps
//    or overlaps, per uop where the backend keeps uops apart;
//  - the perf map has one line per range, in perf's format;
//  - end to end: `pyjit run --perf=map` writes /tmp/perf-PID.map whose
//    entries add up to the code the run compiled (its --stats), `perf
//    record` + `perf report` name samples after traces, so does `perf
//    inject --jit` from `--perf=jitdump` (with source lines), a GDB
//    backtrace names the trace (--gdb-jit), and `pyjit profile`
//    attributes most samples of a hot loop to compiled code.
// One target per backend (tests/BUILD); a backend that is not installed,
// or perf where the kernel forbids its events, or no gdb, skips and says why.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "backends/code_map.h"
#include "backends/registry.h"
#include "tests/runfiles.h"
#include "tools/traces_of.h"

namespace pyjit {
namespace {

class CodeMapTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = FindBackend(GetParam());
    ASSERT_NE(backend_, nullptr);
    if (absl::Status s = backend_->Availability(); !s.ok()) {
      GTEST_SKIP() << GetParam() << ": " << s.message();
    }
  }
  bool KeepsUopsApart() const { return GetParam() == "copy_and_patch" || GetParam() == "asmjit"; }
  Backend* backend_ = nullptr;
};

struct MapLine {
  uintptr_t start = 0;
  size_t size = 0;
  std::string name;
};

std::vector<MapLine> ReadPerfMap(const std::string& path) {
  std::vector<MapLine> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits(' ', 2));
    MapLine m;
    if (parts.size() != 3 || !absl::SimpleHexAtoi(parts[0], &m.start) ||
        !absl::SimpleHexAtoi(parts[1], &m.size)) {
      ADD_FAILURE() << path << ": not START SIZE NAME: " << line;
      continue;
    }
    m.name = parts[2];
    lines.push_back(m);
  }
  return lines;
}

TEST_P(CodeMapTest, RangesCoverEachTraceAndTheMapListsThem) {
  const std::string map_path = absl::StrCat(testing::TempDir(), "/code_map_", GetParam(), ".map");
  absl::StatusOr<std::unique_ptr<PerfMap>> map = PerfMap::Open(map_path);
  ASSERT_TRUE(map.ok()) << map.status();
  std::vector<ProgramTraces> programs;
  std::vector<std::unique_ptr<Executor>> live;
  std::vector<CodeRange> all;
  size_t uop_ranges = 0;
  for (const char* name : {"nbody", "int_loops"}) {
    absl::StatusOr<ProgramTraces> p =
        TracesOf(RunfilesDir() + "/benchmarks/programs/" + name + ".py", OptimizerOptions{});
    ASSERT_TRUE(p.ok()) << p.status();
    programs.push_back(std::move(*p));
    for (const Trace& t : programs.back().traces) {
      absl::StatusOr<std::unique_ptr<Executor>> e = backend_->Compile(t);
      ASSERT_TRUE(e.ok()) << e.status();
      (*e)->set_backend_name(GetParam());
      const std::vector<CodeRange> ranges = CodeRangesOf(**e);
      ASSERT_FALSE(ranges.empty()) << "a trace of " << name << " has no code range";
      uintptr_t at = reinterpret_cast<uintptr_t>((*e)->code());
      for (const CodeRange& r : ranges) {
        EXPECT_EQ(r.start, at) << r.Name() << ": a gap or an overlap";
        EXPECT_GT(r.size, 0u) << r.Name();
        at = r.start + r.size;
        EXPECT_TRUE(absl::StartsWith(r.Name(), "py::" + t.function + ":")) << r.Name();
        EXPECT_TRUE(absl::EndsWith(r.Name(), " [" + GetParam() + "]")) << r.Name();
        if (r.uop >= 0) {
          ++uop_ranges;
          ASSERT_LT(static_cast<size_t>(r.uop), t.uops.size());
          EXPECT_EQ(r.uop_name, InfoOf(t.uops[r.uop].op).name);
        }
      }
      EXPECT_EQ(at, reinterpret_cast<uintptr_t>((*e)->code()) + (*e)->code_size())
          << "the ranges end before the code does";
      (*map)->Add(**e);
      all.insert(all.end(), ranges.begin(), ranges.end());
      live.push_back(std::move(*e));
    }
  }
  if (KeepsUopsApart()) {
    EXPECT_GT(uop_ranges, all.size() / 2) << "too few per-uop ranges";
  } else {
    EXPECT_EQ(uop_ranges, 0u);
    EXPECT_EQ(all.size(), live.size()) << "one range per trace";
  }
  map->reset();  // closes the file
  const std::vector<MapLine> lines = ReadPerfMap(map_path);
  ASSERT_EQ(lines.size(), all.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].start, all[i].start);
    EXPECT_EQ(lines[i].size, all[i].size);
    EXPECT_EQ(lines[i].name, all[i].Name());
  }
  std::printf("%s: %zu traces, %zu ranges (%zu per uop) in the perf map\n", GetParam().c_str(),
              live.size(), all.size(), uop_ranges);
}

// Runs `command` with /bin/sh; its exit status, and its stdout in *out.
int Shell(const std::string& command, std::string* out) {
  out->clear();
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out->append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A float loop of about a second: most of the run is in one trace.
std::string HotLoopProgram() {
  const std::string path = testing::TempDir() + "/hot_loop.py";
  std::ofstream(path) << "def f(n):\n"
                         "    s = 0.0\n"
                         "    x = 1.5\n"
                         "    for i in range(n):\n"
                         "        s = s + x * 0.5 - i * 0.25\n"
                         "    return s\n"
                         "print(f(20000000))\n";
  return path;
}

std::string Pyjit() { return RunfilesDir() + "/tools/pyjit"; }

std::string ReadFile(const std::string& path) {
  std::stringstream s;
  s << std::ifstream(path).rdbuf();
  return s.str();
}

TEST_P(CodeMapTest, RunWritesAPerfMapOfWhatItCompiled) {
  // The child prints its pid first (sh's $$ is the pid exec keeps).
  const std::string stats = testing::TempDir() + "/perf_map_stats.txt";
  std::string out;
  ASSERT_EQ(Shell("echo $$; exec " + Pyjit() + " run " + HotLoopProgram() + " --backend=" +
                      GetParam() + " --perf=map --compile-share=unlimited --stats-file=" + stats,
                  &out),
            0)
      << out;
  const std::string pid = out.substr(0, out.find('\n'));
  const std::string map_path = "/tmp/perf-" + pid + ".map";
  const std::vector<MapLine> lines = ReadPerfMap(map_path);
  std::remove(map_path.c_str());
  ASSERT_FALSE(lines.empty()) << map_path << " is empty or missing";
  size_t bytes = 0;
  for (const MapLine& m : lines) {
    bytes += m.size;
    EXPECT_TRUE(absl::StrContains(m.name, "py::f:")) << m.name;
    EXPECT_TRUE(absl::EndsWith(m.name, "[" + GetParam() + "]")) << m.name;
  }
  // --stats: "code: N bytes, ..." of everything compiled.
  const std::string report = ReadFile(stats);
  const size_t at = report.find("code: ");
  ASSERT_NE(at, std::string::npos) << report;
  size_t compiled = 0;
  ASSERT_TRUE(absl::SimpleAtoi(report.substr(at + 6, report.find(' ', at + 6) - at - 6), &compiled));
  EXPECT_EQ(bytes, compiled) << "the map's entries do not add up to the code compiled";
  std::printf("%s: %zu perf map lines, %zu bytes, as --stats says\n", GetParam().c_str(),
              lines.size(), bytes);
}

// Empty when `perf record` with these options works here; else why not
// (not installed, or the kernel forbids its events), for the skip.
std::string WhyPerfCannotRecord(const std::string& options) {
  std::string out;
  if (Shell("perf record " + options + " -o " + testing::TempDir() + "/probe.data true 2>&1",
            &out) == 0) {
    return "";
  }
  return "perf cannot record here (not installed, or the kernel forbids its events): " +
         out.substr(0, 300);
}

TEST_P(CodeMapTest, PerfReportNamesTraces) {
  const std::string dir = testing::TempDir();
  std::string out;
  if (std::string why = WhyPerfCannotRecord("-e cpu-clock"); !why.empty()) GTEST_SKIP() << why;
  ASSERT_EQ(Shell("perf record -e cpu-clock -F 2000 -o " + dir + "/run.data " + Pyjit() +
                      " run " + HotLoopProgram() + " --backend=" + GetParam() +
                      " --perf=map --compile-share=unlimited 2>&1",
                  &out),
            0)
      << out;
  ASSERT_EQ(Shell("perf report -i " + dir + "/run.data --stdio --sort sym 2>&1", &out), 0) << out;
  EXPECT_TRUE(absl::StrContains(out, "py::f:") && absl::StrContains(out, "[" + GetParam() + "]"))
      << "perf report names no trace:\n" << out.substr(0, 3000);
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    if (absl::StrContains(line, "py::")) {
      std::printf("%s\n", std::string(line).c_str());
      break;
    }
  }
}

TEST_P(CodeMapTest, PerfInjectNamesTracesAndLinesFromTheJitdump) {
  const std::string dir = testing::TempDir();
  std::string out;
  if (std::string why = WhyPerfCannotRecord("-k 1 -e cpu-clock"); !why.empty()) GTEST_SKIP() << why;
  const std::string pid_file = dir + "/jitdump.pid";
  ASSERT_EQ(Shell("perf record -k 1 -e cpu-clock -F 2000 -o " + dir + "/jd.data sh -c 'echo $$ > " +
                      pid_file + "; exec " + Pyjit() + " run " + HotLoopProgram() +
                      " --backend=" + GetParam() + " --perf=jitdump --compile-share=unlimited' 2>&1",
                  &out),
            0)
      << out;
  const std::string pid = ReadFile(pid_file).substr(0, ReadFile(pid_file).find('\n'));
  const int injected = Shell("perf inject --jit -i " + dir + "/jd.data -o " + dir +
                                 "/jd.jit.data 2>&1",
                             &out);
  std::string symbols, lines;
  Shell("perf report -i " + dir + "/jd.jit.data --stdio --sort dso,sym 2>&1", &symbols);
  Shell("perf report -i " + dir + "/jd.jit.data --stdio --sort srcline 2>&1", &lines);
  // perf inject writes one ELF object per trace next to the dump.
  Shell("rm -f /tmp/jit-" + pid + ".dump /tmp/jitted-" + pid + "-*.so", &out);
  ASSERT_EQ(injected, 0) << out;
  EXPECT_TRUE(absl::StrContains(symbols, "jitted-" + pid + "-") &&
              absl::StrContains(symbols, "py::f:4@") &&
              absl::StrContains(symbols, "[" + GetParam() + "]"))
      << "perf report names no trace from the jitdump:\n" << symbols.substr(0, 3000);
  // The loop's body is line 5; a backend that mixes uops has only the
  // loop head's line, 4, for its whole trace.
  EXPECT_TRUE(absl::StrContains(lines, KeepsUopsApart() ? "hot_loop.py:5" : "hot_loop.py:4"))
      << "perf report has no source line of the loop:\n" << lines.substr(0, 3000);
  for (absl::string_view line : absl::StrSplit(symbols, '\n')) {
    if (absl::StrContains(line, "py::")) {
      std::printf("%s\n", std::string(line).c_str());
      break;
    }
  }
}

// Under GDB, pyjit registers each trace (--gdb-jit=auto: a debugger is
// attached): a backtrace from a runtime function the trace calls names the
// trace, the uop where the backend keeps them apart, and the Python line.
TEST_P(CodeMapTest, GdbBacktraceNamesTheTrace) {
  std::string out;
  if (Shell("gdb --version 2>&1", &out) != 0) GTEST_SKIP() << "gdb is not installed: " << out;
  // math.floor is called through the runtime (pj_call_method), from the
  // trace's code.
  const std::string program = testing::TempDir() + "/floor_loop.py";
  std::ofstream(program) << "import math\n"
                            "def f(n):\n"
                            "    s = 0\n"
                            "    for i in range(n):\n"
                            "        s = s + math.floor(i * 0.5)\n"
                            "    return s\n"
                            "print(f(100000))\n";
  ASSERT_EQ(Shell("timeout 300 gdb -batch -nx -ex 'break pj_call_method' -ex 'run run " + program +
                      " --backend=" + GetParam() +
                      " --compile-share=unlimited > /dev/null' -ex 'bt 4' -ex kill " + Pyjit() +
                      " 2>&1",
                  &out),
            0)
      << out;
  std::string backtrace;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    if (absl::StartsWith(line, "#")) absl::StrAppend(&backtrace, line, "\n");
  }
  std::printf("%s", backtrace.c_str());
  EXPECT_TRUE(absl::StrContains(backtrace, "py::f:4@") &&
              absl::StrContains(backtrace, "[" + GetParam() + "]"))
      << "no trace in the backtrace:\n" << out.substr(0, 3000);
  EXPECT_TRUE(absl::StrContains(backtrace, KeepsUopsApart() ? "floor_loop.py:5" : "floor_loop.py:4"))
      << "no Python line in the backtrace:\n" << backtrace;
  if (KeepsUopsApart()) EXPECT_TRUE(absl::StrContains(backtrace, "CALL_METHOD")) << backtrace;
}

// The two numbers of a profile row: tier 1's column, then the backend's.
// `row` is the row's label or its start (the rest of the word is skipped:
// "  libLLVM" finds "  libLLVM.so.19.1").
std::pair<double, double> Shares(const std::string& out, const std::string& row) {
  const size_t at = out.find("\n" + row);
  if (at == std::string::npos) return {-1, -1};
  size_t numbers = at + 1 + row.size();
  while (numbers < out.size() && out[numbers] != ' ' && out[numbers] != '\n') ++numbers;
  std::istringstream line(out.substr(numbers, out.find('\n', at + 1) - numbers));
  double tier1 = -1, backend = -1;
  line >> tier1;
  line.ignore(1);  // '%'
  line >> backend;
  return {tier1, backend};
}

// Side by side with tier 1 alone: the backend's samples fall mostly in
// the loop's trace (by uop where it keeps them apart), tier 1's in its
// opcode handlers, named by opcode.
TEST_P(CodeMapTest, ProfileAttributesTheHotLoopToCompiledCode) {
  std::string out;
  ASSERT_EQ(Shell(Pyjit() + " profile " + HotLoopProgram() + " --backend=tier1," + GetParam() +
                      " --compile-share=unlimited 2>&1",
                  &out),
            0)
      << out;
  std::printf("%s", out.c_str());
  const auto [tier1_compiled, compiled] = Shares(out, "in compiled code");
  EXPECT_EQ(tier1_compiled, 0) << out;
  // Of the time spent running the program: llvm's code runs the loop so
  // fast that compiling it is the other half of the run.
  const double compiling = std::max(0.0, Shares(out, "  libLLVM").second);
  EXPECT_GT(compiled, 0.5 * (100 - compiling)) << out;
  const auto [tier1_binary_op, backend_binary_op] = Shares(out, "  tier 1: BINARY_OP");
  EXPECT_GT(tier1_binary_op, 10) << "tier 1's arithmetic is not named:\n" << out;
  EXPECT_LT(backend_binary_op, 5) << out;
  const std::string hot_row = KeepsUopsApart() ? "BINARY_OP_MUL_FLOAT" : "(whole trace)";
  EXPECT_TRUE(absl::StrContains(out, "\n" + hot_row)) << out;
  EXPECT_TRUE(absl::StrContains(out, "py::f:")) << out;
}

INSTANTIATE_TEST_SUITE_P(Backends, CodeMapTest,
                         testing::Values("copy_and_patch", "asmjit", "mir", "llvm"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace pyjit
