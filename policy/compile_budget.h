// Keeps the time spent compiling within a share of the time spent running,
// so that no program runs much slower with a JIT than without one because
// of compiling: with share s, compiling adds at most s (plus a millisecond
// of slack) to the time the program would otherwise take. A compile the
// budget cannot afford now is deferred (a loop is asked about again after
// more back edges, a promotion at the next look), not refused.
//
// A compile's cost is estimated as its uops times the backend's compile
// time per uop: measured from the backend's compiles so far in this run,
// or its own prior (Backend::ExpectedCompileSecondsPerUop) before any.
#ifndef PYJIT_POLICY_COMPILE_BUDGET_H_
#define PYJIT_POLICY_COMPILE_BUDGET_H_

#include <cstddef>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "backends/backend.h"

namespace pyjit {

class CompileBudget {
 public:
  // Compile seconds allowed per second of running: 0.4 by default
  // (--compile-share); infinity compiles whenever asked.
  static constexpr double kUnlimited = std::numeric_limits<double>::infinity();
  explicit CompileBudget(double share) : share_(share) {}

  bool unlimited() const { return share_ == kUnlimited; }
  double share() const { return share_; }

  // Whether compiling `uops` uops with `backend` keeps the compile time
  // within the share, `elapsed` seconds into the run of which `compiling`
  // were spent compiling.
  bool Affords(const Backend& backend, size_t uops, double elapsed, double compiling) const;
  // A compile's measured cost.
  void Measured(const Backend& backend, size_t uops, double seconds);
  double SecondsPerUop(const Backend& backend) const;

 private:
  // So that the cheapest backends compile at once, at the very start.
  static constexpr double kSlackSeconds = 0.001;
  struct Cost {
    size_t uops = 0;
    double seconds = 0;
  };
  double share_;
  absl::flat_hash_map<const Backend*, Cost> measured_;
};

}  // namespace pyjit

#endif  // PYJIT_POLICY_COMPILE_BUDGET_H_
