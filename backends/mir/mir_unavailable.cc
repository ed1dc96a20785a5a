// Built instead of mir_backend.cc when MIR is not installed: `mir` is still
// a backend name, which says why it cannot run (and the mir tests skip).
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "backends/backend.h"
#include "backends/registry.h"
#include "mir_missing.h"  // PYJIT_MIR_MISSING, from third_party/mir_configure.bzl

namespace pyjit::mir_backend {
namespace {

class MissingMirBackend : public Backend {
 public:
  std::string name() const override { return "mir"; }
  std::string description() const override { return "MIR 1.0.0 (not installed)"; }
  absl::Status Availability() const override {
    return absl::UnavailableError(PYJIT_MIR_MISSING);
  }
  absl::Status Configure(const std::string& key, const std::string& value) override {
    if (key == "opt" || key == "keep-ir" || key == "inject-error") return absl::OkStatus();
    return Backend::Configure(key, value);
  }
  double ExpectedCompileSecondsPerUop() const override { return 2e-4; }
  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace&) override {
    return absl::UnavailableError(PYJIT_MIR_MISSING);
  }
};

const bool registered = RegisterBackend(std::make_unique<MissingMirBackend>());

}  // namespace
}  // namespace pyjit::mir_backend
