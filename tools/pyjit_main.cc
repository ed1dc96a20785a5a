// The `pyjit` command line.
//
//   pyjit run FILE.py [--backend=NAME] [--policy=NAME] [--jit-threshold=N] [--stats] ...
//   pyjit dump-ir FILE.py [same flags]   run it, print every trace it made
//   pyjit disasm FILE.py [--after-run]   print its tier-1 bytecode (as quickened by a run)
//   pyjit backends                       list the backends
//
// Exit status: 0 on success, 1 when the program raised an exception (as
// CPython), 2 when the program or the command line was refused.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "backends/code_map.h"
#include "backends/disassembler.h"
#include "backends/gdb_jit.h"
#include "backends/registry.h"
#include "frontend/compiler.h"
#include "frontend/source_decoding.h"
#include "frontend/status_macros.h"
#include "ir/optimizer.h"
#include "ir/trace.h"
#include "policy/compile_budget.h"
#include "policy/tier_up.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/interpreter.h"
#include "tools/uop_profile.h"

namespace pyjit {
namespace {

// The command line's flags. Parsed by hand, so that every bad flag gets
// pyjit's own message and exit status 2 (absl's parser exits with 1, which
// means "the program raised" here).
struct Flags {
  std::string backend = kTierOneOnly;
  bool backend_given = false;
  bool compile_share_given = false;
  int jit_threshold = static_cast<int>(PolicyOptions{}.threshold);
  OptimizerOptions ir_passes;  // --ir-passes, --no-optimize
  bool stats = false;
  std::string stats_file;  // --stats-file: the report there, not on stderr
  std::string policy = "fixed";
  PolicyOptions policy_options;
  bool quicken = true;  // --quicken: tier 1 specializes its instructions
  bool after_run = false;  // disasm --after-run
  // --<backend>-<key>=<value>: options for one backend, e.g. --llvm-opt=3.
  struct BackendOption {
    std::string backend, key, value;
  };
  std::vector<BackendOption> backend_options;
  bool perf_map = false;       // --perf=map
  bool perf_jitdump = false;   // --perf=jitdump
  enum class GdbJit { kAuto, kOn, kOff } gdb_jit = GdbJit::kAuto;  // --gdb-jit
  int sample_every_us = 100;   // --sample-every-us, for profile
};

constexpr int kExitOk = 0;
constexpr int kExitPythonError = 1;
constexpr int kExitRefused = 2;

constexpr char kUsage[] =
    "pyjit: a Python subset with interchangeable JIT backends.\n\n"
    "usage:\n"
    "  pyjit run FILE.py [--backend=NAME]   run a program\n"
    "  pyjit dump-ir FILE.py                run it; print every trace it made\n"
    "  pyjit disasm FILE.py [--after-run]   print its tier-1 bytecode (after running it\n"
    "                                       in tier 1: as quickened by the run)\n"
    "  pyjit profile FILE.py --backend=A[,B...]   run it once per backend, sampling;\n"
    "                                       print where the time went, per uop, side by side\n"
    "  pyjit backends                       list the backends\n"
    "flags for run, dump-ir and profile:\n"
    "  --backend=NAME       tier1 (default), or a tier-2 backend: see `pyjit backends`\n"
    "  --policy=NAME        fixed (default): every trace on --backend;\n"
    "                       tiered: --backend (default copy_and_patch) first, then\n"
    "                       --optimizing-backend (default llvm) for traces that stay hot;\n"
    "                       adaptive: the same two, by measured cost and benefit\n"
    "  --jit-threshold=N    back edges before a loop is compiled, calls before a\n"
    "                       function is (default 16)\n"
    "  --max-trace-uops=N   longest trace (default 400)\n"
    "  --hot-exit=N         exits at one guard before it gets a side trace (default 16;\n"
    "                       0: none)\n"
    "  --function-traces=on|off   trace hot functions from their entry (default on)\n"
    "  --quicken=on|off     tier 1 rewrites its instructions into forms specialized\n"
    "                       for the operands they see (default on)\n"
    "  --code-budget=BYTES  machine code all traces may hold; older loops are evicted\n"
    "  --on-compile-failure=interp|blacklist   run a trace a backend failed on with\n"
    "                       interp (default), or leave its loop to tier 1\n"
    "  --compile-share=X    seconds of compiling allowed per second of running\n"
    "                       (default 0.4): compiles past it wait until the program has\n"
    "                       run longer; 'unlimited' compiles whenever a threshold says\n"
    "  --look-every=N       iterations of a trace that may still move up a tier\n"
    "                       (calls, for a function's) between the policy's looks\n"
    "                       at it (default 1024)\n"
    "  --tiered-promote-entries=N, --tiered-promote-ms=X   when tiered recompiles\n"
    "                       (default 64 entries or 2 ms inside the trace)\n"
    "  --adaptive-speedup=X the optimizing backend's expected speed-up (default 2)\n"
    "  --background-compile=on|off   tiered and adaptive: recompile with the\n"
    "                       optimizing backend on a second thread while the first-tier\n"
    "                       trace runs (default off; llvm only)\n"
    "  --ir-passes=LIST     the IR optimizer's passes, comma-separated (default all:\n"
    "                       peel,types,fold,globals; or none)\n"
    "  --no-optimize        run traces as projected (--ir-passes=none)\n"
    "  --stats              print tier-2 statistics to stderr after the run\n"
    "  --stats-file=PATH    the same statistics, written to PATH\n"
    "  --perf=map           name compiled code for perf in /tmp/perf-PID.map (per uop\n"
    "                       where the backend keeps uops apart, else per trace)\n"
    "  --perf=jitdump       write /tmp/jit-PID.dump (code, source lines) for\n"
    "                       perf record -k 1, perf inject --jit; or --perf=map,jitdump\n"
    "  --gdb-jit=auto|on|off  register each trace with GDB's JIT interface (symbols per\n"
    "                       uop or trace, Python lines); auto (default): when a debugger\n"
    "                       is attached at start\n"
    "  --sample-every-us=N  profile: microseconds between samples (default 100)\n"
    "  --BACKEND-KEY=VALUE  an option of a backend in use, e.g. --llvm-opt=0..3\n";

int Refuse(const std::string& message) {
  std::fprintf(stderr, "pyjit: %s\n", message.c_str());
  return kExitRefused;
}

int RefuseUnknownBackend(const std::string& name) {
  return Refuse("unknown backend '" + name + "'; known backends: " +
                absl::StrJoin(BackendNames(), ", "));
}

// A program refused before it runs: the frontend's `file:line:col: message`
// as it is, the one form an editor or a test parses (no `pyjit: ` prefix,
// which marks the command line's own errors).
// A file that cannot be read at all is the command line's error.
int RefuseProgram(const absl::Status& status) {
  if (!absl::IsInvalidArgument(status)) return Refuse(std::string(status.message()));
  std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
  return kExitRefused;
}

absl::StatusOr<Program> Load(const std::string& path) {
  PJ_ASSIGN_OR_RETURN(SourceFile source, ReadSource(path));
  return CompileSource(source);
}

enum class RunMode { kRun, kDumpIr, kProfile };

// Runs a program on the chosen engine. With kDumpIr, the program's own
// output is dropped and the traces are printed instead; with kProfile, it
// is dropped and the run is sampled into *profile.
int RunProgram(const std::vector<std::string>& args, const Flags& flags, RunMode mode,
               UopProfile* profile = nullptr) {
  const bool dump_ir = mode == RunMode::kDumpIr;
  const bool drop_output = mode != RunMode::kRun;
  const char* usage = mode == RunMode::kDumpIr   ? "usage: pyjit dump-ir FILE.py [--backend=NAME]"
                      : mode == RunMode::kProfile ? "usage: pyjit profile FILE.py --backend=A[,B...]"
                                                  : "usage: pyjit run FILE.py [--backend=NAME]";
  if (args.size() != 1) return Refuse(usage);
  std::string name = flags.backend;
  const bool two_tiers = flags.policy == "tiered" || flags.policy == "adaptive";
  if (two_tiers && !flags.backend_given) name = "copy_and_patch";
  if (dump_ir && name == kTierOneOnly) name = "interp";  // tier 1 makes no traces
  if (two_tiers && name == kTierOneOnly) {
    return Refuse("--policy=" + flags.policy + " needs a compiling --backend, not tier1");
  }
  if (flags.policy != "fixed" && !two_tiers) {
    return Refuse("unknown policy '" + flags.policy + "'; known policies: " + PolicyNames());
  }
  // The backends this run may compile with.
  std::vector<Backend*> used;
  for (const std::string& n :
       two_tiers ? std::vector<std::string>{name, flags.policy_options.optimizing_backend}
                 : std::vector<std::string>{name}) {
    if (n == kTierOneOnly) continue;
    Backend* b = FindBackend(n);
    if (b == nullptr) return RefuseUnknownBackend(n);
    if (absl::Status s = b->Availability(); !s.ok()) {
      return Refuse("backend '" + n + "' is unavailable: " + std::string(s.message()));
    }
    if (dump_ir) b->Configure("keep-ir", "1").IgnoreError();  // if it has one
    used.push_back(b);
  }
  if (flags.policy_options.background_promotions) {
    if (!two_tiers) {
      return Refuse("--background-compile=on applies to --policy=tiered and adaptive, whose "
                    "second backend recompiles hot traces");
    }
    if (!used.back()->CompilesOffThread()) {
      return Refuse("--background-compile=on: --optimizing-backend=" + used.back()->name() +
                    " compiles on the main thread only (llvm compiles off it)");
    }
  }
  for (const Flags::BackendOption& option : flags.backend_options) {
    Backend* target = nullptr;
    for (Backend* b : used) {
      if (b->name() == option.backend) target = b;
    }
    if (target == nullptr) {
      return Refuse("--" + option.backend + "-" + option.key + " applies to --backend=" +
                    option.backend + " only");
    }
    if (absl::Status s = target->Configure(option.key, option.value); !s.ok()) {
      return Refuse(std::string(s.message()));
    }
  }
  absl::StatusOr<Program> program = Load(args[0]);
  if (!program.ok()) return RefuseProgram(program.status());

  std::unique_ptr<PerfMap> perf_map;
  if (flags.perf_map && !used.empty()) {
    absl::StatusOr<std::unique_ptr<PerfMap>> opened = PerfMap::Open();
    if (!opened.ok()) return Refuse(std::string(opened.status().message()));
    perf_map = std::move(*opened);
  }
  std::unique_ptr<JitDump> jitdump;
  if (flags.perf_jitdump && !used.empty()) {
    absl::StatusOr<std::unique_ptr<JitDump>> opened = JitDump::Open();
    if (!opened.ok()) return Refuse(std::string(opened.status().message()));
    jitdump = std::move(*opened);
  }
  std::vector<CodeRange> compiled_ranges;  // for the profile
  std::unique_ptr<GdbJitRegistry> gdb;
  if (!used.empty() && (flags.gdb_jit == Flags::GdbJit::kOn ||
                        (flags.gdb_jit == Flags::GdbJit::kAuto &&
                         GdbJitRegistry::DebuggerAttached()))) {
    gdb = std::make_unique<GdbJitRegistry>();
  }

  std::unique_ptr<TierUp> tier_up;
  Interpreter interpreter(*program);
  if (!flags.quicken) interpreter.DisableQuickening();
  if (!used.empty()) {
    PolicyOptions policy_options = flags.policy_options;
    policy_options.threshold = static_cast<uint32_t>(flags.jit_threshold);
    // dump-ir is for looking at traces: it compiles every one it makes.
    if (dump_ir && !flags.compile_share_given) {
      policy_options.compile_share = CompileBudget::kUnlimited;
    }
    policy_options.backend = name;
    absl::StatusOr<std::unique_ptr<Policy>> policy = MakePolicy(flags.policy, policy_options);
    if (!policy.ok()) return Refuse(std::string(policy.status().message()));
    TierUpOptions options;
    options.optimizer = flags.ir_passes;
    options.measure_time = flags.stats;
    if (perf_map != nullptr || jitdump != nullptr || gdb != nullptr ||
        mode == RunMode::kProfile) {
      options.on_compiled = [&](const Executor& executor) {
        if (gdb != nullptr) gdb->Add(executor);
        if (perf_map != nullptr) perf_map->Add(executor);
        if (jitdump != nullptr) jitdump->Add(executor);
        if (mode == RunMode::kProfile) {
          for (CodeRange& r : CodeRangesOf(executor)) compiled_ranges.push_back(std::move(r));
        }
      };
    }
    tier_up = std::make_unique<TierUp>(*program, std::move(*policy), options);
    interpreter.set_tier2(tier_up.get());
  }
  std::string discarded;
  if (drop_output) StdOut().CaptureInto(&discarded);
  std::unique_ptr<PcSampler> sampler;
  if (mode == RunMode::kProfile) {
    // Enough for a minute of samples; a longer run keeps its first minute.
    absl::StatusOr<std::unique_ptr<PcSampler>> started =
        PcSampler::Start(flags.sample_every_us, 60'000'000 / flags.sample_every_us);
    if (!started.ok()) return Refuse(std::string(started.status().message()));
    sampler = std::move(*started);
  }
  auto start = std::chrono::steady_clock::now();
  bool ok = interpreter.Run();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (sampler != nullptr) {
    *profile = Attribute(sampler->Stop(), compiled_ranges, name, flags.sample_every_us);
  }
  if (drop_output) StdOut().CaptureInto(nullptr);
  // Nothing compiles behind the reports' backs from here on.
  if (tier_up) tier_up->StopBackgroundCompiles();
  if (dump_ir) {
    for (const Executor* executor : tier_up->executors()) {
      const Trace& trace = executor->trace();
      std::fputs(PrintTrace(trace).c_str(), stdout);
      if (!executor->ir_text().empty()) {
        std::printf("%s's listing:\n%s", executor->backend_name().c_str(),
                    executor->ir_text().c_str());
      }
      if (executor->code() == nullptr) continue;
      // A compiling backend: its machine code, labelled by uop.
      std::vector<std::pair<size_t, std::string>> labels;
      std::vector<size_t> offsets = executor->uop_offsets();
      for (size_t i = 0; i < offsets.size() && i < trace.uops.size(); ++i) {
        labels.emplace_back(offsets[i], absl::StrCat("uop ", i, " ",
                                                     InfoOf(trace.uops[i].op).name));
      }
      std::printf("machine code (%s, %zu bytes):\n", executor->backend_name().c_str(),
                  executor->code_size());
      std::fputs(Disassemble(executor->code(), executor->code_size(), labels).c_str(), stdout);
    }
  }
  if (!ok) std::fputs(interpreter.FormatError().c_str(), stderr);
  if (flags.stats) {
    std::string report = tier_up ? tier_up->StatsReport(seconds)
                                 : "pyjit stats: tier 1 only, no traces\n";
    if (flags.stats_file.empty()) {
      std::fputs(report.c_str(), stderr);
    } else if (std::FILE* f = std::fopen(flags.stats_file.c_str(), "w")) {
      std::fputs(report.c_str(), f);
      std::fclose(f);
    } else {
      std::fprintf(stderr, "pyjit: cannot write the stats to '%s'\n", flags.stats_file.c_str());
    }
  }
  if (ok) return kExitOk;
  // Something outside the subset that only running could find: refused.
  return CurrentError().kind == ExcKind::kUnsupported ? kExitRefused : kExitPythonError;
}

// Runs the program once per backend of --backend=A,B,..., sampled, and
// prints the profiles side by side.
int ProfileCommand(const std::vector<std::string>& args, const Flags& flags) {
  if (args.size() != 1 || !flags.backend_given) {
    return Refuse("usage: pyjit profile FILE.py --backend=A[,B...]");
  }
  // Every name first: a bad one is refused before any run.
  for (absl::string_view name : absl::StrSplit(flags.backend, ',')) {
    if (name != kTierOneOnly && FindBackend(std::string(name)) == nullptr) {
      return RefuseUnknownBackend(std::string(name));
    }
  }
  std::vector<UopProfile> profiles;
  int status = kExitOk;
  for (absl::string_view name : absl::StrSplit(flags.backend, ',')) {
    Flags one = flags;
    one.backend = std::string(name);
    UopProfile profile;
    const int s = RunProgram(args, one, RunMode::kProfile, &profile);
    if (s == kExitRefused) return s;
    if (s != kExitOk) status = s;
    profiles.push_back(std::move(profile));
  }
  std::printf("pyjit profile: %s, a sample every %d us of wall time\n\n", args[0].c_str(),
              flags.sample_every_us);
  std::fputs(FormatProfiles(profiles).c_str(), stdout);
  return status;
}

// `--after-run`: runs the program in tier 1 first (its output and any
// traceback as `run` prints them), then lists the instructions as tier 1
// quickened them, as CPython's dis.dis(adaptive=True) does.
int DisasmCommand(const std::vector<std::string>& args, const Flags& flags) {
  if (args.size() != 1) return Refuse("usage: pyjit disasm FILE.py [--after-run]");
  absl::StatusOr<Program> program = Load(args[0]);
  if (!program.ok()) return RefuseProgram(program.status());
  if (!flags.after_run) {
    std::fputs(Disassemble(*program->module_code).c_str(), stdout);
    return kExitOk;
  }
  Interpreter interpreter(*program);
  if (!flags.quicken) interpreter.DisableQuickening();
  const bool ok = interpreter.Run();
  if (!ok) std::fputs(interpreter.FormatError().c_str(), stderr);
  std::fputs(Disassemble(*program->module_code, Listing::kAsQuickened).c_str(), stdout);
  return ok ? kExitOk : kExitPythonError;
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

// "--llvm-opt" names option "opt" of backend "llvm", when one is registered.
bool ParseBackendOption(const std::string& flag, Flags::BackendOption* option) {
  for (const std::string& name : BackendNames()) {
    std::string prefix = "--" + name + "-";
    if (flag.rfind(prefix, 0) == 0 && flag.size() > prefix.size()) {
      option->backend = name;
      option->key = flag.substr(prefix.size());
      return true;
    }
  }
  return false;
}

// Splits the command line into flags and positional arguments. False, with
// the message in *error, for a flag pyjit does not know or a bad value.
bool ParseFlags(int argc, char** argv, Flags* flags, std::vector<std::string>* positional,
                std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      positional->push_back(arg);
      continue;
    }
    size_t eq = arg.find('=');
    std::string name = arg.substr(0, eq);
    bool has_value = eq != std::string::npos;
    std::string value = has_value ? arg.substr(eq + 1) : "";
    auto whole = [&](uint64_t* out, uint64_t min) {
      if (absl::SimpleAtoi(value, out) && *out >= min) return true;
      *error = name + " expects a whole number" + (min ? " of at least " + std::to_string(min) : "") + ", not '" +
               value + "'";
      return false;
    };
    uint64_t n = 0;
    double x = 0;
    if (name == "--backend" && has_value && !value.empty()) {
      flags->backend = value;
      flags->backend_given = true;
    } else if (name == "--policy" && has_value && !value.empty()) {
      flags->policy = value;
    } else if (name == "--optimizing-backend" && has_value && !value.empty()) {
      flags->policy_options.optimizing_backend = value;
    } else if (name == "--max-trace-uops" && has_value) {
      if (!whole(&n, 1)) return false;
      flags->policy_options.max_trace_uops = static_cast<int>(std::min<uint64_t>(n, 100000));
    } else if (name == "--hot-exit" && has_value) {
      if (!whole(&n, 0)) return false;
      flags->policy_options.hot_exit = static_cast<uint32_t>(std::min<uint64_t>(n, 1u << 30));
    } else if (name == "--after-run" && !has_value) {
      flags->after_run = true;
    } else if (name == "--quicken" && has_value) {
      if (value != "on" && value != "off") {
        *error = "--quicken expects on or off, not '" + value + "'";
        return false;
      }
      flags->quicken = value == "on";
    } else if (name == "--background-compile" && has_value) {
      if (value != "on" && value != "off") {
        *error = "--background-compile expects on or off, not '" + value + "'";
        return false;
      }
      flags->policy_options.background_promotions = value == "on";
    } else if (name == "--function-traces" && has_value) {
      if (value != "on" && value != "off") {
        *error = "--function-traces expects on or off, not '" + value + "'";
        return false;
      }
      flags->policy_options.function_traces = value == "on";
    } else if (name == "--code-budget" && has_value) {
      if (!whole(&n, 1)) return false;
      flags->policy_options.code_budget = n;
    } else if (name == "--look-every" && has_value) {
      if (!whole(&n, 1)) return false;
      flags->policy_options.look_every = static_cast<uint32_t>(std::min<uint64_t>(n, 1u << 30));
    } else if (name == "--tiered-promote-entries" && has_value) {
      if (!whole(&n, 1)) return false;
      flags->policy_options.promote_entries = n;
    } else if (name == "--tiered-promote-ms" && has_value) {
      if (!absl::SimpleAtod(value, &x) || !(x >= 0)) {
        *error = "--tiered-promote-ms expects milliseconds, not '" + value + "'";
        return false;
      }
      flags->policy_options.promote_seconds = x / 1000;
    } else if (name == "--compile-share" && has_value) {
      flags->compile_share_given = true;
      if (value == "unlimited") {
        flags->policy_options.compile_share = CompileBudget::kUnlimited;
      } else if (absl::SimpleAtod(value, &x) && x > 0 && std::isfinite(x)) {
        flags->policy_options.compile_share = x;
      } else {
        *error = "--compile-share expects a positive number or 'unlimited', not '" + value + "'";
        return false;
      }
    } else if (name == "--adaptive-speedup" && has_value) {
      if (!absl::SimpleAtod(value, &x) || !(x > 1)) {
        *error = "--adaptive-speedup expects a number above 1, not '" + value + "'";
        return false;
      }
      flags->policy_options.expected_speedup = x;
    } else if (name == "--on-compile-failure" && has_value) {
      if (value != "interp" && value != "blacklist") {
        *error = "--on-compile-failure expects interp or blacklist, not '" + value + "'";
        return false;
      }
      flags->policy_options.on_failure = value == "interp"
                                             ? PolicyOptions::OnFailure::kInterp
                                             : PolicyOptions::OnFailure::kBlacklist;
    } else if (name == "--jit-threshold" && has_value) {
      if (!absl::SimpleAtoi(value, &flags->jit_threshold) || flags->jit_threshold < 1) {
        *error = "--jit-threshold expects a whole number of at least 1, not '" + value + "'";
        return false;
      }
    } else if (name == "--no-optimize" && !has_value) {
      flags->ir_passes = OptimizerOptions::None();
    } else if (name == "--ir-passes" && has_value) {
      absl::StatusOr<OptimizerOptions> passes = ParseIrPasses(value);
      if (!passes.ok()) {
        *error = "--ir-passes: " + std::string(passes.status().message());
        return false;
      }
      flags->ir_passes = *passes;
    } else if (name == "--stats" && !has_value) {
      flags->stats = true;
    } else if (name == "--gdb-jit" && has_value) {
      if (value == "auto") {
        flags->gdb_jit = Flags::GdbJit::kAuto;
      } else if (value == "on") {
        flags->gdb_jit = Flags::GdbJit::kOn;
      } else if (value == "off") {
        flags->gdb_jit = Flags::GdbJit::kOff;
      } else {
        *error = "--gdb-jit expects auto, on or off, not '" + value + "'";
        return false;
      }
    } else if (name == "--perf" && has_value) {
      for (absl::string_view what : absl::StrSplit(value, ',')) {
        if (what == "map") {
          flags->perf_map = true;
        } else if (what == "jitdump") {
          flags->perf_jitdump = true;
        } else {
          *error = "--perf expects map, jitdump or map,jitdump, not '" + value + "'";
          return false;
        }
      }
    } else if (name == "--sample-every-us" && has_value) {
      if (!whole(&n, 10)) return false;
      flags->sample_every_us = static_cast<int>(std::min<uint64_t>(n, 1'000'000));
    } else if (name == "--stats-file" && has_value && !value.empty()) {
      flags->stats = true;
      flags->stats_file = value;
    } else if (Flags::BackendOption option; has_value && ParseBackendOption(name, &option)) {
      option.value = value;
      flags->backend_options.push_back(option);
    } else if ((name == "--help" || name == "--helpfull") && !has_value) {
      positional->insert(positional->begin(), "help");
    } else {
      *error = "unknown or malformed flag '" + arg + "'";
      return false;
    }
  }
  return true;
}

int Main(int argc, char** argv) {
  Flags flags;
  std::vector<std::string> positional;
  std::string error;
  if (!ParseFlags(argc, argv, &flags, &positional, &error)) {
    return Refuse(error + "\n" + kUsage);
  }
  if (positional.empty()) {
    std::fputs(kUsage, stderr);
    return kExitRefused;
  }
  std::string command = positional[0];
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  if (command == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (command == "run") return RunProgram(args, flags, RunMode::kRun);
  if (command == "dump-ir") return RunProgram(args, flags, RunMode::kDumpIr);
  if (command == "profile") return ProfileCommand(args, flags);
  if (command == "disasm") return DisasmCommand(args, flags);
  if (command == "backends") return BackendsCommand(args);
  return Refuse("unknown command '" + command + "'\n" + kUsage);
}

}  // namespace
}  // namespace pyjit

int main(int argc, char** argv) {
  // A closed pipe is an error a write reports (BrokenPipeError), as in
  // CPython, not a signal that kills the process.
  std::signal(SIGPIPE, SIG_IGN);
  return pyjit::Main(argc, argv);
}
