#include "policy/policy.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/registry.h"

namespace pyjit {
namespace {

absl::StatusOr<Backend*> Available(const std::string& name, const char* role) {
  Backend* b = FindBackend(name);
  if (b == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown ", role, " '", name, "'"));
  if (absl::Status s = b->Availability(); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(role, " '", name, "' is unavailable: ", s.message()));
  }
  return b;
}

class FixedPolicy : public Policy {
 public:
  FixedPolicy(PolicyOptions options, Backend* backend)
      : Policy(std::move(options)), backend_(backend) {}
  std::string name() const override { return "fixed"; }
  Backend* FirstBackend() const override { return backend_; }
  std::string Describe() const override { return absl::StrCat("every trace on ", backend_->name()); }

 private:
  Backend* backend_;
};

// Two tiers; subclasses say when a trace moves up.
class TwoTierPolicy : public Policy {
 public:
  TwoTierPolicy(PolicyOptions options, Backend* first, Backend* second)
      : Policy(std::move(options)), first_(first), second_(second) {}
  Backend* FirstBackend() const override { return first_; }
  Backend* Promote(const TraceStats& trace) override {
    if (trace.backend != first_ || first_ == second_) return nullptr;
    return WorthPromoting(trace) ? second_ : nullptr;
  }
  bool MayPromote(const Backend& backend) const override {
    return &backend == first_ && first_ != second_;
  }

 protected:
  virtual bool WorthPromoting(const TraceStats& trace) const = 0;
  Backend* first_;
  Backend* second_;
};

class TieredPolicy : public TwoTierPolicy {
 public:
  using TwoTierPolicy::TwoTierPolicy;
  std::string name() const override { return "tiered"; }
  std::string Describe() const override {
    return absl::StrFormat("%s first, %s after %d entries or %.1f ms inside", first_->name(),
                           second_->name(), options_.promote_entries,
                           1e3 * options_.promote_seconds);
  }

 private:
  bool WorthPromoting(const TraceStats& trace) const override {
    return trace.entries >= options_.promote_entries ||
           trace.seconds_inside >= options_.promote_seconds;
  }
};

class AdaptivePolicy : public TwoTierPolicy {
 public:
  AdaptivePolicy(PolicyOptions options, Backend* first, Backend* second)
      : TwoTierPolicy(std::move(options), first, second) {}
  std::string name() const override { return "adaptive"; }
  std::string Describe() const override {
    return absl::StrFormat(
        "%s first, %s when the time saved (%.1fx expected) passes the compile time "
        "(%.0f us per uop measured)",
        first_->name(), second_->name(), options_.expected_speedup,
        1e6 * SecondSecondsPerUop());
  }
  void Compiled(const Backend& backend, size_t uops, double seconds) override {
    if (&backend != second_) return;
    second_uops_ += uops;
    second_seconds_ += seconds;
  }

 private:
  // Until it has compiled something, the optimizing backend is assumed to
  // cost 25 us per uop: optimistic on purpose (MIR's order; LLVM -O2
  // measures 30x that in compile_benchmark), so that the first hot trace
  // gets promoted and the real cost is measured from then on.
  double SecondSecondsPerUop() const {
    return second_uops_ ? second_seconds_ / second_uops_ : 25e-6;
  }
  bool WorthPromoting(const TraceStats& trace) const override {
    // If the future is like the past, recompiling saves this much.
    double saved = trace.seconds_inside * (1.0 - 1.0 / options_.expected_speedup);
    return saved > SecondSecondsPerUop() * static_cast<double>(trace.uops);
  }

  size_t second_uops_ = 0;
  double second_seconds_ = 0;
};

}  // namespace

const char* PolicyNames() { return "fixed, tiered, adaptive"; }

absl::StatusOr<std::unique_ptr<Policy>> MakePolicy(const std::string& name,
                                                   PolicyOptions options) {
  if (name == "fixed") {
    absl::StatusOr<Backend*> b = Available(options.backend, "backend");
    if (!b.ok()) return b.status();
    return std::unique_ptr<Policy>(new FixedPolicy(std::move(options), *b));
  }
  if (name == "tiered" || name == "adaptive") {
    absl::StatusOr<Backend*> first = Available(options.backend, "first-tier backend");
    if (!first.ok()) return first.status();
    absl::StatusOr<Backend*> second =
        Available(options.optimizing_backend, "optimizing backend");
    if (!second.ok()) return second.status();
    if (name == "tiered") {
      return std::unique_ptr<Policy>(new TieredPolicy(std::move(options), *first, *second));
    }
    return std::unique_ptr<Policy>(new AdaptivePolicy(std::move(options), *first, *second));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown policy '", name, "'; known policies: ", PolicyNames()));
}

}  // namespace pyjit
