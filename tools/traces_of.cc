#include "tools/traces_of.h"

#include <fstream>
#include <sstream>

#include "backends/registry.h"
#include "frontend/compiler.h"
#include "policy/tier_up.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/interpreter.h"

namespace pyjit {

absl::StatusOr<ProgramTraces> TracesOf(const std::string& path, const OptimizerOptions& passes,
                                       uint32_t threshold) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<Program> program = CompileSource(SourceFile{path, text.str()});
  if (!program.ok()) return program.status();
  ProgramTraces out;
  out.program = std::make_unique<Program>(std::move(*program));
  TierUpOptions options;
  options.optimizer = passes;
  std::unique_ptr<TierUp> tier_up = TierUp::Fixed(*out.program, FindBackend("interp"), threshold, options);
  Interpreter interpreter(*out.program);
  interpreter.set_tier2(tier_up.get());
  std::string discarded;
  StdOut().CaptureInto(&discarded);
  interpreter.Run();
  StdOut().CaptureInto(nullptr);
  ClearError();
  for (const Executor* e : tier_up->executors()) out.traces.push_back(e->trace());
  return out;
}

}  // namespace pyjit
