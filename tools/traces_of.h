// The traces a program makes when every loop is traced: for tests and
// benchmarks that need real traces (the IR round-trip test, the compile
// benchmark).
#ifndef PYJIT_TOOLS_TRACES_OF_H_
#define PYJIT_TOOLS_TRACES_OF_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/optimizer.h"
#include "ir/trace.h"
#include "runtime/code.h"

namespace pyjit {

struct ProgramTraces {
  std::unique_ptr<Program> program;  // the traces' code objects live here
  std::vector<Trace> traces;
};

// Runs the program at `path` (its output dropped, a Python error ignored)
// on the interp backend with --jit-threshold=`threshold` and the IR
// passes `passes`, and returns the traces it made. Fails if the program is
// refused or cannot be read. At threshold 1 every loop and every function
// called is traced, on the little feedback one run gives.
absl::StatusOr<ProgramTraces> TracesOf(const std::string& path, const OptimizerOptions& passes,
                                       uint32_t threshold = 1);

}  // namespace pyjit

#endif  // PYJIT_TOOLS_TRACES_OF_H_
