#include "policy/compile_budget.h"

#include <algorithm>

namespace pyjit {

bool CompileBudget::Affords(const Backend& backend, size_t uops, double elapsed,
                            double compiling) const {
  if (unlimited()) return true;
  const double estimate = SecondsPerUop(backend) * static_cast<double>(uops);
  const double running = std::max(0.0, elapsed - compiling);
  return compiling + estimate <= kSlackSeconds + share_ * running;
}

void CompileBudget::Measured(const Backend& backend, size_t uops, double seconds) {
  Cost& cost = measured_[&backend];
  cost.uops += uops;
  cost.seconds += seconds;
}

double CompileBudget::SecondsPerUop(const Backend& backend) const {
  auto it = measured_.find(&backend);
  if (it == measured_.end() || it->second.uops == 0) {
    return backend.ExpectedCompileSecondsPerUop();
  }
  return it->second.seconds / static_cast<double>(it->second.uops);
}

}  // namespace pyjit
