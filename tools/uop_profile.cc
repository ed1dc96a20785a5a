#include "tools/uop_profile.h"

#include <dlfcn.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace pyjit {
namespace {

// The sampler's state: one sampler at a time, and the signal handler may
// touch only this (async-signal-safe: no allocation, no locks).
struct SamplerState {
  std::vector<uintptr_t> buffer;  // sized before the timer starts
  std::atomic<size_t> count{0};
  std::atomic<uint64_t> dropped{0};
  timer_t timer{};
  struct sigaction previous {};
};
SamplerState* g_sampler = nullptr;

void OnSample(int, siginfo_t*, void* context) {
  SamplerState* s = g_sampler;
  if (s == nullptr) return;
  const auto* uc = static_cast<const ucontext_t*>(context);
  const uintptr_t pc = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
  const size_t i = s->count.fetch_add(1, std::memory_order_relaxed);
  if (i < s->buffer.size()) {
    s->buffer[i] = pc;
  } else {
    s->dropped.fetch_add(1, std::memory_order_relaxed);
  }
}

std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? "-" : absl::StrFormat("%.1f%%", 100.0 * part / whole);
}

// The shared object `pc` is in, by its file's base name; the pyjit binary
// itself (tier 1, the runtime, the interp backend) by what runs there.
std::string ObjectOf(uintptr_t pc) {
  static const std::string self = [] {
    Dl_info info;
    return dladdr(reinterpret_cast<void*>(&ObjectOf), &info) != 0 && info.dli_fname != nullptr
               ? std::string(info.dli_fname)
               : std::string();
  }();
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(pc), &info) == 0 || info.dli_fname == nullptr) {
    return "unknown (not in a loaded object)";
  }
  if (info.dli_fname == self) return "pyjit binary (tier 1, runtime, interp)";
  const char* slash = std::strrchr(info.dli_fname, '/');
  return slash != nullptr ? slash + 1 : info.dli_fname;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PcSampler>> PcSampler::Start(int interval_us, size_t capacity) {
  if (g_sampler != nullptr) return absl::FailedPreconditionError("a sampler is running");
  auto* state = new SamplerState;
  state->buffer.assign(capacity, 0);
  struct sigaction action {};
  action.sa_sigaction = OnSample;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&action.sa_mask);
  g_sampler = state;
  if (sigaction(SIGPROF, &action, &state->previous) != 0) {
    g_sampler = nullptr;
    delete state;
    return absl::InternalError("cannot install the SIGPROF handler");
  }
  struct sigevent event {};
  event.sigev_notify = SIGEV_THREAD_ID;
  event.sigev_signo = SIGPROF;
  event._sigev_un._tid = static_cast<pid_t>(syscall(SYS_gettid));
  if (timer_create(CLOCK_MONOTONIC, &event, &state->timer) != 0) {
    sigaction(SIGPROF, &state->previous, nullptr);
    g_sampler = nullptr;
    delete state;
    return absl::InternalError("cannot create the sampling timer");
  }
  struct itimerspec spec {};
  spec.it_interval.tv_sec = interval_us / 1000000;
  spec.it_interval.tv_nsec = static_cast<long>(interval_us % 1000000) * 1000;
  spec.it_value = spec.it_interval;
  timer_settime(state->timer, 0, &spec, nullptr);
  auto sampler = std::unique_ptr<PcSampler>(new PcSampler);
  sampler->running_ = true;
  return sampler;
}

std::vector<uintptr_t> PcSampler::Stop() {
  if (!running_) return {};
  running_ = false;
  SamplerState* state = g_sampler;
  timer_delete(state->timer);
  // A signal already pending runs the handler, which finds no sampler.
  g_sampler = nullptr;
  sigaction(SIGPROF, &state->previous, nullptr);
  std::vector<uintptr_t> pcs = std::move(state->buffer);
  pcs.resize(std::min(state->count.load(), pcs.size()));
  dropped_ = state->dropped.load();
  delete state;
  return pcs;
}

PcSampler::~PcSampler() { Stop(); }

UopProfile Attribute(const std::vector<uintptr_t>& pcs, const std::vector<CodeRange>& ranges,
                     const std::string& backend, int interval_us) {
  UopProfile p;
  p.backend = backend;
  p.interval_us = interval_us;
  p.total = pcs.size();
  auto uop_key = [](const CodeRange& r) {
    return r.uop_name.empty() ? std::string("(whole trace)") : r.uop_name;
  };
  for (const CodeRange& r : ranges) {
    UopProfile::Uop& u = p.by_uop[uop_key(r)];
    u.bytes += r.size;
    ++u.copies;
  }
  for (uintptr_t pc : pcs) {
    const CodeRange* hit = nullptr;
    for (auto r = ranges.rbegin(); r != ranges.rend() && hit == nullptr; ++r) {
      if (pc >= r->start && pc - r->start < r->size) hit = &*r;
    }
    if (hit == nullptr) {
      ++p.outside[ObjectOf(pc)];
      continue;
    }
    ++p.in_compiled_code;
    ++p.by_uop[uop_key(*hit)].samples;
    ++p.by_range[hit->Name()];
  }
  return p;
}

std::string FormatProfiles(const std::vector<UopProfile>& profiles, size_t top_ranges) {
  std::string out;
  constexpr int kFirst = 42, kColumn = 24;  // the first fits "  pyjit binary (...)"
  auto row = [&](const std::string& first, const std::vector<std::string>& cells) {
    std::string line = absl::StrFormat("%-*s", kFirst, first);
    for (const std::string& c : cells) absl::StrAppend(&line, absl::StrFormat("%*s", kColumn, c));
    absl::StrAppend(&out, line, "\n");
  };
  std::vector<std::string> names, samples, compiled;
  for (const UopProfile& p : profiles) {
    names.push_back(p.backend);
    samples.push_back(absl::StrCat(p.total, " x ", p.interval_us, " us"));
    compiled.push_back(Percent(p.in_compiled_code, p.total));
  }
  row("", names);
  row("samples", samples);
  row("in compiled code", compiled);
  std::set<std::string> objects;
  for (const UopProfile& p : profiles) {
    for (const auto& [object, n] : p.outside) objects.insert(object);
  }
  for (const std::string& object : objects) {
    std::vector<std::string> cells;
    for (const UopProfile& p : profiles) {
      auto it = p.outside.find(object);
      cells.push_back(Percent(it == p.outside.end() ? 0 : it->second, p.total));
    }
    row("  " + object, cells);
  }

  // Uops, hottest first (by the largest share any backend gives them).
  absl::StrAppend(&out, "\nper uop: share of all samples, code bytes per compiled copy\n");
  std::vector<std::pair<double, std::string>> order;
  std::set<std::string> uops;
  for (const UopProfile& p : profiles) {
    for (const auto& [uop, u] : p.by_uop) uops.insert(uop);
  }
  for (const std::string& uop : uops) {
    double share = 0;
    for (const UopProfile& p : profiles) {
      auto it = p.by_uop.find(uop);
      if (it != p.by_uop.end() && p.total > 0) {
        share = std::max(share, static_cast<double>(it->second.samples) / p.total);
      }
    }
    order.emplace_back(-share, uop);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [negative_share, uop] : order) {
    std::vector<std::string> cells;
    for (const UopProfile& p : profiles) {
      auto it = p.by_uop.find(uop);
      if (it == p.by_uop.end()) {
        cells.push_back("-");
        continue;
      }
      const UopProfile::Uop& u = it->second;
      cells.push_back(absl::StrCat(Percent(u.samples, p.total), "  ",
                                   u.copies ? u.bytes / u.copies : 0, " B"));
    }
    row(uop, cells);
  }

  for (const UopProfile& p : profiles) {
    absl::StrAppend(&out, "\nhottest code, ", p.backend, ":\n");
    std::vector<std::pair<uint64_t, std::string>> hot;
    for (const auto& [name, n] : p.by_range) hot.emplace_back(n, name);
    std::sort(hot.rbegin(), hot.rend());
    for (size_t i = 0; i < hot.size() && i < top_ranges; ++i) {
      absl::StrAppend(&out, absl::StrFormat("  %6s  %s\n", Percent(hot[i].first, p.total),
                                            hot[i].second));
    }
    if (hot.empty()) absl::StrAppend(&out, "  (no samples in compiled code)\n");
  }
  return out;
}

}  // namespace pyjit
