// The `pyjit` command line.
//
//   pyjit run FILE.py [--backend=NAME] [--jit-threshold=N] [--no-optimize] [--stats]
//   pyjit dump-ir FILE.py [same flags]   run it, print every trace it made
//   pyjit disasm FILE.py                 print its tier-1 bytecode
//   pyjit backends                       list the backends
//
// Exit status: 0 on success, 1 when the program raised an exception (as
// CPython), 2 when the program or the command line was refused.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_join.h"
#include "backends/registry.h"
#include "frontend/compiler.h"
#include "ir/trace.h"
#include "policy/tier_up.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/interpreter.h"

ABSL_FLAG(std::string, backend, "tier1",
          "the execution engine: see `pyjit backends` for the names");
ABSL_FLAG(int, jit_threshold, pyjit::TierUpOptions{}.threshold,
          "back edges before a loop is compiled (--jit-threshold)");
ABSL_FLAG(bool, no_optimize, false, "run traces as projected (--no-optimize)");
ABSL_FLAG(bool, stats, false, "print tier-2 statistics to stderr after the run");

namespace pyjit {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitPythonError = 1;
constexpr int kExitRefused = 2;

constexpr char kUsage[] =
    "pyjit: a Python subset with interchangeable JIT backends.\n\n"
    "usage:\n"
    "  pyjit run FILE.py [--backend=NAME]   run a program\n"
    "  pyjit dump-ir FILE.py                run it; print every trace it made\n"
    "  pyjit disasm FILE.py                 print its tier-1 bytecode\n"
    "  pyjit backends                       list the backends\n"
    "flags for run and dump-ir: --jit-threshold=N --no-optimize --stats\n";

int Refuse(const std::string& message) {
  std::fprintf(stderr, "pyjit: %s\n", message.c_str());
  return kExitRefused;
}

absl::StatusOr<Program> Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  return CompileSource(SourceFile{path, text.str()});
}

// Runs a program on the chosen engine. With `dump_ir`, the program's own
// output is dropped and the traces are printed instead.
int RunProgram(const std::vector<std::string>& args, bool dump_ir) {
  const char* usage = dump_ir ? "usage: pyjit dump-ir FILE.py [--backend=NAME]"
                              : "usage: pyjit run FILE.py [--backend=NAME]";
  if (args.size() != 1) return Refuse(usage);
  std::string name = absl::GetFlag(FLAGS_backend);
  if (dump_ir && name == kTierOneOnly) name = "interp";  // tier 1 makes no traces
  Backend* backend = nullptr;
  if (name != kTierOneOnly) {
    backend = FindBackend(name);
    if (backend == nullptr) {
      return Refuse("unknown backend '" + name + "'; known backends: " +
                    absl::StrJoin(BackendNames(), ", "));
    }
    if (absl::Status s = backend->Availability(); !s.ok()) {
      return Refuse("backend '" + name + "' is unavailable: " + std::string(s.message()));
    }
  }
  int threshold = absl::GetFlag(FLAGS_jit_threshold);
  if (threshold < 1) return Refuse("--jit-threshold must be at least 1");
  absl::StatusOr<Program> program = Load(args[0]);
  if (!program.ok()) return Refuse(std::string(program.status().message()));

  std::unique_ptr<TierUp> tier_up;
  Interpreter interpreter(*program);
  if (backend != nullptr) {
    TierUpOptions options;
    options.threshold = static_cast<uint32_t>(threshold);
    options.optimize = !absl::GetFlag(FLAGS_no_optimize);
    tier_up = std::make_unique<TierUp>(*program, backend, options);
    interpreter.set_tier2(tier_up.get());
  }
  std::string discarded;
  if (dump_ir) StdOut().CaptureInto(&discarded);
  auto start = std::chrono::steady_clock::now();
  bool ok = interpreter.Run();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (dump_ir) {
    for (const Trace* trace : tier_up->traces()) std::fputs(PrintTrace(*trace).c_str(), stdout);
  }
  if (!ok) std::fputs(interpreter.FormatError().c_str(), stderr);
  if (absl::GetFlag(FLAGS_stats)) {
    std::string report = tier_up ? tier_up->StatsReport(seconds)
                                 : "pyjit stats: tier 1 only, no traces\n";
    std::fputs(report.c_str(), stderr);
  }
  return ok ? kExitOk : kExitPythonError;
}

int DisasmCommand(const std::vector<std::string>& args) {
  if (args.size() != 1) return Refuse("usage: pyjit disasm FILE.py");
  absl::StatusOr<Program> program = Load(args[0]);
  if (!program.ok()) return Refuse(std::string(program.status().message()));
  std::fputs(Disassemble(*program->module_code).c_str(), stdout);
  return kExitOk;
}

int BackendsCommand(const std::vector<std::string>& args) {
  if (!args.empty()) return Refuse("usage: pyjit backends");
  for (const std::string& name : BackendNames()) {
    if (name == kTierOneOnly) {
      std::printf("%s: available: the tier-1 bytecode interpreter alone\n", name.c_str());
      continue;
    }
    Backend* backend = FindBackend(name);
    absl::Status available = backend->Availability();
    if (available.ok()) {
      std::printf("%s: available: %s\n", name.c_str(), backend->description().c_str());
    } else {
      std::printf("%s: unavailable: %s\n", name.c_str(),
                  std::string(available.message()).c_str());
    }
  }
  return kExitOk;
}

// absl flags are C identifiers; the command line spells them with dashes
// (--jit-threshold, --no-optimize), as users expect.
std::vector<std::string> NormalizeFlagNames(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (i > 0 && arg.rfind("--", 0) == 0) {
      size_t end = std::min(arg.find('='), arg.size());
      for (size_t k = 2; k < end; ++k) {
        if (arg[k] == '-') arg[k] = '_';
      }
    }
    out.push_back(arg);
  }
  return out;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<std::string> normalized = NormalizeFlagNames(argc, argv);
  std::vector<char*> normalized_argv;
  for (std::string& arg : normalized) normalized_argv.push_back(arg.data());
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(normalized_argv.size()), normalized_argv.data());
  if (positional.size() < 2) {
    std::fputs(kUsage, stderr);
    return kExitRefused;
  }
  std::string command = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "run") return RunProgram(args, /*dump_ir=*/false);
  if (command == "dump-ir") return RunProgram(args, /*dump_ir=*/true);
  if (command == "disasm") return DisasmCommand(args);
  if (command == "backends") return BackendsCommand(args);
  return Refuse("unknown command '" + command + "'\n" + kUsage);
}

}  // namespace
}  // namespace pyjit

int main(int argc, char** argv) { return pyjit::Main(argc, argv); }
