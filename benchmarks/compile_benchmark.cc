// How long each backend takes to compile a trace, per uop, and how much
// code it makes: the "compile cost" axis of the comparison. The traces are
// the ones the workload programs really make (default threshold, interp
// backend, optimizer on); each backend compiles all of them, again and
// again, with warm caches.
//
//   bazel run -c opt //benchmarks:compile_benchmark [-- [--ir-passes=LIST] PROGRAM.py ...]
//
// With no programs it uses benchmarks/programs/*.py.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>

#include "backends/code_memory.h"
#include "backends/copy_and_patch/stencil.h"
#include "backends/registry.h"
#include "tools/traces_of.h"
#include "frontend/compiler.h"
#include "policy/tier_up.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/interpreter.h"

namespace pyjit {
namespace {

struct Workload {
  std::vector<std::unique_ptr<Program>> programs;  // the traces point into them
  std::vector<Trace> traces;
  size_t uops = 0;
};

void Collect(const std::string& path, const OptimizerOptions& passes, Workload& w) {
  // At the default threshold: the traces a run of the program makes (at
  // threshold 1 every function called once gets a trace of its own too).
  absl::StatusOr<ProgramTraces> result = TracesOf(path, passes, PolicyOptions{}.threshold);
  if (!result.ok()) {
    std::fprintf(stderr, "compile_benchmark: %s\n", std::string(result.status().message()).c_str());
    std::exit(2);
  }
  w.programs.push_back(std::move(result->program));
  for (Trace& t : result->traces) {
    w.uops += t.uops.size();
    w.traces.push_back(std::move(t));
  }
}

// `option`, when not empty, is "key=value" for backend->Configure (a level),
// set before timing and reset to `reset` after. `batch_sealed`: each pass
// over the traces is one SealBatch, so the machine-code backends make their
// code executable with one mprotect per pass instead of one per trace (what
// a run pays, since it runs each trace as soon as it is compiled).
void BM_Compile(benchmark::State& state, Backend* backend, const Workload* w,
                std::string option = "", std::string reset = "", bool batch_sealed = false) {
  auto configure = [&](const std::string& kv) {
    if (kv.empty()) return;
    size_t eq = kv.find('=');
    (void)backend->Configure(kv.substr(0, eq), kv.substr(eq + 1));
  };
  configure(option);
  size_t code_bytes = 0;
  for (auto _ : state) {
    code_bytes = 0;
    std::optional<SealBatch> batch;
    if (batch_sealed) batch.emplace();
    for (const Trace& trace : w->traces) {
      absl::StatusOr<std::unique_ptr<Executor>> e = backend->Compile(trace);
      if (!e.ok()) {
        state.SkipWithError(std::string(e.status().message()).c_str());
        return;
      }
      code_bytes += (*e)->code_size();
      benchmark::DoNotOptimize(e);
    }
  }
  double uops = static_cast<double>(w->uops);
  state.counters["traces"] = static_cast<double>(w->traces.size());
  state.counters["uops"] = uops;
  // Seconds per uop (shown with an SI prefix: "40n" is 40 ns).
  state.counters["time_per_uop"] =
      benchmark::Counter(uops * state.iterations(),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["code_bytes_per_uop"] = code_bytes / uops;
  configure(reset);
}

// Copy-and-patch without the memory-protection system calls: the copying
// and patching alone, into a reused writable buffer.
void BM_CopyAndPatchEmitOnly(benchmark::State& state, const Workload* w) {
  std::vector<uint8_t> buffer;
  std::vector<PjExitLink> links;  // what the executor would own
  for (auto _ : state) {
    for (const Trace& trace : w->traces) {
      const copy_and_patch::TraceLayout layout = copy_and_patch::LayOutTrace(trace);
      if (links.size() < trace.uops.size()) links.resize(trace.uops.size());
      if (buffer.size() < layout.size) buffer.resize(layout.size);
      if (!copy_and_patch::EmitTrace(trace, layout, links.data(), buffer.data()).ok()) {
        state.SkipWithError("emit failed");
        return;
      }
      benchmark::DoNotOptimize(buffer.data());
    }
  }
  state.counters["time_per_uop"] =
      benchmark::Counter(static_cast<double>(w->uops) * state.iterations(),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace
}  // namespace pyjit

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  // --ir-passes=LIST: the traces as those IR passes leave them (default
  // all), e.g. `none` for the projector's, or without peeling.
  pyjit::OptimizerOptions passes;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--ir-passes=", 0) == 0) {
      absl::StatusOr<pyjit::OptimizerOptions> parsed = pyjit::ParseIrPasses(arg.substr(12));
      if (!parsed.ok()) {
        std::fprintf(stderr, "compile_benchmark: %s\n", std::string(parsed.status().message()).c_str());
        return 2;
      }
      passes = *parsed;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("benchmarks/programs", error)) {
      if (entry.path().extension() == ".py") paths.push_back(entry.path().string());
    }
    if (error) {
      std::fprintf(stderr,
                   "compile_benchmark: benchmarks/programs: %s (run it from the repository's "
                   "root, or name the programs)\n",
                   error.message().c_str());
      return 2;
    }
    std::sort(paths.begin(), paths.end());
  }
  static pyjit::Workload workload;
  for (const std::string& path : paths) pyjit::Collect(path, passes, workload);
  // The optimizing generators at their other levels, and asmjit without
  // the peeled loop and its register locals, each right after its backend:
  // a variant run after LLVM and MIR paid for the mappings they leave (the
  // stack-only asmjit variant measured 40% slower there than next to asmjit).
  struct Variant {
    const char* backend;
    const char* suffix;
    const char* option;  // key=value while timed
    const char* reset;   // key=value after
  };
  const Variant variants[] = {
      {"mir", "_O0", "opt=0", "opt=2"},
      {"mir", "_O1", "opt=1", "opt=2"},
      {"mir", "_O3", "opt=3", "opt=2"},
      {"llvm", "_O0", "opt=0", "opt=2"},
      {"llvm", "_O1", "opt=1", "opt=2"},
      {"asmjit", "_stack_registers_only", "register-locals=0", "register-locals=1"},
  };
  for (const std::string& name : pyjit::BackendNames()) {
    pyjit::Backend* backend = pyjit::FindBackend(name);
    if (backend == nullptr || !backend->Availability().ok()) continue;
    benchmark::RegisterBenchmark(("compile/" + name).c_str(), pyjit::BM_Compile, backend,
                                 &workload, "", "", false);
    if (name == "copy_and_patch" || name == "asmjit") {
      benchmark::RegisterBenchmark(("compile/" + name + "_batch_sealed").c_str(),
                                   pyjit::BM_Compile, backend, &workload, "", "", true);
    }
    for (const Variant& v : variants) {
      if (name != v.backend) continue;
      benchmark::RegisterBenchmark((std::string("compile/") + v.backend + v.suffix).c_str(),
                                   pyjit::BM_Compile, backend, &workload, v.option, v.reset, false);
    }
  }
  benchmark::RegisterBenchmark("compile/copy_and_patch_without_mmap",
                               pyjit::BM_CopyAndPatchEmitOnly, &workload);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
