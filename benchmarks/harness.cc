// The benchmark harness: every (workload, backend) cell, in process, on
// Google Benchmark. A cell runs the program to warm up until a run compiles
// nothing new (a loop whose counts carry over from run to run may get hot
// only in the second), then the timed iteration runs it again in the same
// process (its loops compiled: the steady state); every run's output is
// checked against CPython's, and repetitions give the statistics. `./pyjit compare` (benchmarks/compare.py) drives it, adds
// the reference runtimes, and draws the dashboard.
//
//   harness --programs=DIR --expected=DIR [--backends=a,b] [--only=x,y]
//
// A "backend" column may also be a policy, `tiered` or `adaptive`
// (policy/policy.h), with copy_and_patch as its first tier and llvm as its
// second.
//           [--context=key=value ...] [--warmup_out=FILE] [benchmark flags]
//
// Per cell, as user counters: compile_seconds, compile_seconds_per_uop,
// backend_seconds_per_uop, code_bytes_per_uop, traces, uops, exits (all of
// the warm-up runs), warmup_runs, first_run_seconds, first_output_seconds
// (time to the first printed result), last_compile_seconds (time until the
// first run's last trace was ready), timed_compile_seconds (compiling inside
// the timed run: 0 unless a policy moves traces up a tier there, or the
// warm-up stopped at its limit), peak_heap_bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "backends/registry.h"
#include "frontend/compiler.h"
#include "policy/compile_budget.h"
#include "policy/policy.h"
#include "policy/tier_up.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/heap.h"
#include "runtime/interpreter.h"

namespace pyjit {
namespace {

using Clock = std::chrono::steady_clock;

// Warm-up runs at most, the first included: a program whose every run
// compiles something new is timed after this many.
constexpr int kMaxWarmupRuns = 4;

struct Workload {
  std::string name;  // file name without .py
  std::string path;
  std::string source;
  std::string expected;  // CPython's stdout
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// When each trace of a cell's first run was ready: the warm-up curves.
std::map<std::string, std::vector<double>>& WarmupCurves() {
  static auto* curves = new std::map<std::string, std::vector<double>>();
  return *curves;
}

// Runs the program once in `interpreter`; false (and the error on `state`)
// unless it printed exactly what CPython printed.
bool RunChecked(benchmark::State& state, Interpreter& interpreter, const Workload* w) {
  std::string output;
  StdOut().CaptureInto(&output);
  bool ok = interpreter.Run();
  StdOut().CaptureInto(nullptr);
  if (ok && output == w->expected) return true;
  ClearError();
  state.SkipWithError(ok ? "output differs from CPython's" : "the program raised");
  return false;
}

// One cell. The first run of the program warms up (tier 1 counts, traces
// get compiled) and gives the warm-up counters; the timed iteration runs
// the same program again in the same process, on the code objects whose
// loops are compiled now: the steady state.
// A column is a backend under the fixed policy, or a policy with its default
// tiers (copy_and_patch, then llvm).
bool IsPolicyColumn(const std::string& column) {
  return column == "tiered" || column == "adaptive";
}

void BM_Cell(benchmark::State& state, const Workload* w, std::string backend_name) {
  absl::StatusOr<Program> program = CompileSource(SourceFile{w->path, w->source});
  if (!program.ok()) {
    state.SkipWithError(std::string(program.status().message()).c_str());
    return;
  }
  std::unique_ptr<TierUp> tier_up;
  Interpreter interpreter(*program);
  if (backend_name != kTierOneOnly) {
    PolicyOptions options;
    options.backend = IsPolicyColumn(backend_name) ? "copy_and_patch" : backend_name;
    // The steady state compares the backends' code on the same loops: every
    // hot loop is compiled in the warm-up run, whatever it costs. What the
    // compile budget does to whole runs is benchmarks/cold_ratio.py's.
    options.compile_share = CompileBudget::kUnlimited;
    absl::StatusOr<std::unique_ptr<Policy>> policy =
        MakePolicy(IsPolicyColumn(backend_name) ? backend_name : "fixed", options);
    if (!policy.ok()) {
      state.SkipWithError(std::string(policy.status().message()).c_str());
      return;
    }
    tier_up = std::make_unique<TierUp>(*program, std::move(*policy), TierUpOptions{});
    interpreter.set_tier2(tier_up.get());
  }
  // Free earlier cells' garbage (nothing is live between runs but permanent
  // objects), so that the peak is this cell's own.
  TheHeap().Collect([](RootMarker&) {});
  TheHeap().ResetPeak();
  Clock::time_point start = Clock::now();
  if (!RunChecked(state, interpreter, w)) return;
  double first_run = std::chrono::duration<double>(Clock::now() - start).count();
  double first_output = std::chrono::duration<double>(StdOut().first_print() - start).count();
  TierUp::Summary summary;
  int warmup_runs = 1;
  if (tier_up) {
    summary = tier_up->summary();
    std::string key = absl::StrCat(w->name, "/", backend_name);
    if (!WarmupCurves().count(key)) WarmupCurves()[key] = summary.compiled_at;
    // Until a run compiles nothing: tier 1's counts carry over, so a loop
    // run a few times per run may reach the threshold only in a later one,
    // and its compile would otherwise land in the timed run.
    for (size_t before = 0; warmup_runs < kMaxWarmupRuns && summary.traces != before;) {
      before = summary.traces;
      if (!RunChecked(state, interpreter, w)) return;
      ++warmup_runs;
      summary = tier_up->summary();
    }
  }
  for (auto _ : state) {
    if (!RunChecked(state, interpreter, w)) return;
  }
  const double timed_compile_seconds =
      tier_up ? tier_up->summary().compile_seconds - summary.compile_seconds : 0;
  double uops = std::max<double>(1, static_cast<double>(summary.uops));
  state.counters["traces"] = static_cast<double>(summary.traces);
  state.counters["uops"] = static_cast<double>(summary.uops);
  state.counters["exits"] = static_cast<double>(summary.exits);
  state.counters["compile_seconds"] = summary.compile_seconds;
  state.counters["compile_seconds_per_uop"] = summary.compile_seconds / uops;
  state.counters["backend_seconds_per_uop"] = summary.backend_seconds / uops;
  state.counters["code_bytes_per_uop"] = static_cast<double>(summary.code_bytes) / uops;
  state.counters["warmup_runs"] = warmup_runs;
  state.counters["timed_compile_seconds"] = timed_compile_seconds;
  state.counters["first_run_seconds"] = first_run;
  state.counters["first_output_seconds"] = first_output;
  state.counters["last_compile_seconds"] =
      summary.compiled_at.empty() ? 0 : summary.compiled_at.back();
  state.counters["peak_heap_bytes"] = static_cast<double>(TheHeap().peak_bytes());
}

// Our own flags, taken out of argv before Google Benchmark reads it.
struct HarnessFlags {
  std::string programs = "benchmarks/programs";
  std::string expected;
  std::vector<std::string> backends;
  std::vector<std::string> only;
  std::vector<std::pair<std::string, std::string>> context;
  std::string warmup_out;
};

bool TakeFlag(const std::string& arg, const char* name, std::string* value) {
  std::string prefix = absl::StrCat("--", name, "=");
  if (arg.rfind(prefix, 0) != 0) return false;
  *value = arg.substr(prefix.size());
  return true;
}

}  // namespace
}  // namespace pyjit

int main(int argc, char** argv) {
  using namespace pyjit;
  HarnessFlags flags;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], value;
    if (TakeFlag(arg, "programs", &flags.programs)) continue;
    if (TakeFlag(arg, "expected", &flags.expected)) continue;
    if (TakeFlag(arg, "warmup_out", &flags.warmup_out)) continue;
    if (TakeFlag(arg, "backends", &value)) {
      flags.backends = absl::StrSplit(value, ',', absl::SkipEmpty());
      continue;
    }
    if (TakeFlag(arg, "only", &value)) {
      flags.only = absl::StrSplit(value, ',', absl::SkipEmpty());
      continue;
    }
    if (TakeFlag(arg, "context", &value)) {
      std::pair<std::string, std::string> kv = absl::StrSplit(value, absl::MaxSplits('=', 1));
      flags.context.push_back(kv);
      continue;
    }
    rest.push_back(argv[i]);
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (flags.expected.empty()) {
    std::fprintf(stderr, "harness: --expected=DIR (CPython's outputs, NAME.out) is required\n");
    return 2;
  }
  if (flags.backends.empty()) {
    for (const std::string& name : BackendNames()) {
      Backend* b = FindBackend(name);
      if (b == nullptr || b->Availability().ok()) flags.backends.push_back(name);
    }
    flags.backends.push_back("tiered");
    flags.backends.push_back("adaptive");
  }
  for (const std::string& name : flags.backends) {
    Backend* b = FindBackend(name);
    if (IsPolicyColumn(name)) continue;
    if (name != kTierOneOnly && (b == nullptr || !b->Availability().ok())) {
      std::fprintf(stderr, "harness: backend '%s' is unknown or unavailable\n", name.c_str());
      return 2;
    }
  }
  static std::vector<std::unique_ptr<Workload>> workloads;
  std::vector<std::string> paths;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(flags.programs, error)) {
    if (entry.path().extension() == ".py") paths.push_back(entry.path().string());
  }
  if (error) {
    std::fprintf(stderr, "harness: --programs=%s: %s\n", flags.programs.c_str(),
                 error.message().c_str());
    return 2;
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    std::string name = std::filesystem::path(path).stem().string();
    if (!flags.only.empty() &&
        std::find(flags.only.begin(), flags.only.end(), name) == flags.only.end()) {
      continue;
    }
    std::string expected_path = flags.expected + "/" + name + ".out";
    if (!std::filesystem::exists(expected_path)) {
      std::fprintf(stderr, "harness: no expected output %s\n", expected_path.c_str());
      return 2;
    }
    workloads.push_back(std::make_unique<Workload>(
        Workload{name, path, ReadFile(path), ReadFile(expected_path)}));
  }
  for (const auto& w : workloads) {
    for (const std::string& backend : flags.backends) {
      benchmark::RegisterBenchmark(absl::StrCat(w->name, "/", backend).c_str(), BM_Cell,
                                   w.get(), backend)
          ->Iterations(1)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  for (const auto& [key, value] : flags.context) benchmark::AddCustomContext(key, value);
  benchmark::AddCustomContext("backends", absl::StrJoin(flags.backends, ","));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!flags.warmup_out.empty()) {
    std::ofstream out(flags.warmup_out);
    out << "{";
    bool first = true;
    for (const auto& [key, times] : WarmupCurves()) {
      out << (first ? "" : ",") << "\n  \"" << key << "\": [" << absl::StrJoin(times, ", ")
          << "]";
      first = false;
    }
    out << "\n}\n";
  }
  return 0;
}
