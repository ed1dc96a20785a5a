// `pyjit profile`: where a run's time goes, per uop, for each backend.
//
// A PcSampler interrupts the running thread at a fixed rate and records
// the program counter it interrupted. After the run, Attribute maps each
// sample to the code range it fell in (backends/code_map.h: a uop of a
// trace where the backend keeps uops apart, else the whole trace), or to
// the shared object outside compiled code (the pyjit binary: tier 1 and
// the runtime; libm; libLLVM while llvm compiles). FormatProfiles puts
// the profiles of several backends side by side, so the same uop can be
// compared across code generators.
#ifndef PYJIT_TOOLS_UOP_PROFILE_H_
#define PYJIT_TOOLS_UOP_PROFILE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "backends/code_map.h"

namespace pyjit {

// Samples this thread's program counter every `interval_us` microseconds of
// wall time (a CLOCK_MONOTONIC timer, so not limited to the scheduler's
// tick as CPU-time timers are) with SIGPROF, into a buffer of `capacity`
// samples; later samples are dropped and counted. One at a time.
class PcSampler {
 public:
  static absl::StatusOr<std::unique_ptr<PcSampler>> Start(int interval_us, size_t capacity);
  ~PcSampler();
  // Stops sampling; the samples in the order taken.
  std::vector<uintptr_t> Stop();
  // Samples past the buffer's capacity, known after Stop.
  uint64_t dropped() const { return dropped_; }

 private:
  PcSampler() = default;
  bool running_ = false;
  uint64_t dropped_ = 0;
};

struct UopProfile {
  std::string backend;
  int interval_us = 0;
  uint64_t total = 0;  // samples
  uint64_t in_compiled_code = 0;
  struct Uop {
    uint64_t samples = 0;
    size_t bytes = 0;    // of all its copies in the traces compiled
    int copies = 0;      // how many times it was compiled
  };
  // By uop name, or for a backend that does not keep uops apart, "(whole
  // trace)" once per trace.
  std::map<std::string, Uop> by_uop;
  std::map<std::string, uint64_t> by_range;  // CodeRange::Name()
  std::map<std::string, uint64_t> outside;   // by shared object
};

// `ranges`: every range of code the run compiled, in the order compiled (a
// later range wins where freed code's addresses were reused).
UopProfile Attribute(const std::vector<uintptr_t>& pcs, const std::vector<CodeRange>& ranges,
                     const std::string& backend, int interval_us);

// The profiles side by side: samples outside compiled code, the uops by
// samples (share of each run's samples, bytes per copy), and each run's
// hottest code ranges.
std::string FormatProfiles(const std::vector<UopProfile>& profiles, size_t top_ranges = 12);

}  // namespace pyjit

#endif  // PYJIT_TOOLS_UOP_PROFILE_H_
