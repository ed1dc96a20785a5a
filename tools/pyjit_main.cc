// The `pyjit` command line.
//
//   pyjit run FILE.py [--backend=NAME]   run a program
//   pyjit disasm FILE.py                 print its tier-1 bytecode
//   pyjit backends                       list the backends
//
// Exit status: 0 on success, 1 when the program raised an exception (as
// CPython), 2 when the program or the command line was refused.
#include <cstdio>
#include <fstream>
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
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/interpreter.h"

ABSL_FLAG(std::string, backend, "tier1",
          "the execution engine: see `pyjit backends` for the names");

namespace pyjit {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitPythonError = 1;
constexpr int kExitRefused = 2;

constexpr char kUsage[] =
    "pyjit: a Python subset with interchangeable JIT backends.\n\n"
    "usage:\n"
    "  pyjit run FILE.py [--backend=NAME]   run a program\n"
    "  pyjit disasm FILE.py                 print its tier-1 bytecode\n"
    "  pyjit backends                       list the backends\n";

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

int RunCommand(const std::vector<std::string>& args) {
  if (args.size() != 1) return Refuse("usage: pyjit run FILE.py [--backend=NAME]");
  std::string backend = absl::GetFlag(FLAGS_backend);
  std::vector<std::string> names = BackendNames();
  if (std::find(names.begin(), names.end(), backend) == names.end()) {
    return Refuse("unknown backend '" + backend + "'; known backends: " +
                  absl::StrJoin(names, ", "));
  }
  absl::StatusOr<Program> program = Load(args[0]);
  if (!program.ok()) return Refuse(std::string(program.status().message()));
  Interpreter interpreter(*program);
  if (interpreter.Run()) return kExitOk;
  std::string report = interpreter.FormatError();
  std::fputs(report.c_str(), stderr);
  return kExitPythonError;
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
    std::printf("%s: available (the tier-1 bytecode interpreter)\n", name.c_str());
  }
  return kExitOk;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) {
    std::fputs(kUsage, stderr);
    return kExitRefused;
  }
  std::string command = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "run") return RunCommand(args);
  if (command == "disasm") return DisasmCommand(args);
  if (command == "backends") return BackendsCommand(args);
  return Refuse("unknown command '" + command + "'\n" + kUsage);
}

}  // namespace
}  // namespace pyjit

int main(int argc, char** argv) { return pyjit::Main(argc, argv); }
