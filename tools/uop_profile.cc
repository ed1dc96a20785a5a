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

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "runtime/code.h"

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

// The pyjit binary's functions, from its own symbol table (it is built
// with one), to name samples outside compiled code as perf would; and tier
// 1's opcode handlers, from Execute's dispatch table (runtime/interpreter.cc:
// kDispatch, one label per opcode in PJ_OPCODES order), so that a sample
// in the interpreter names the kind of instruction it was running. GCC may
// move a handler's cold blocks away from its label, so that share is
// approximate: a handler is the code from its label to the next one.
class BinarySymbols {
 public:
  static const BinarySymbols& Get() {
    static const BinarySymbols* symbols = new BinarySymbols();
    return *symbols;
  }
  // "runtime: NAME" or "tier 1: OPCODE" for a pc in the binary; "" if unknown.
  std::string Name(uintptr_t pc) const {
    if (pc >= execute_.first && pc < execute_.second && !handlers_.empty()) {
      auto h = std::upper_bound(handlers_.begin(), handlers_.end(), std::make_pair(pc, 999));
      if (h != handlers_.begin()) return absl::StrCat("tier 1: ", kOpcodeNames[std::prev(h)->second]);
      return "tier 1: (dispatch)";
    }
    auto f = std::upper_bound(functions_.begin(), functions_.end(), pc,
                              [](uintptr_t p, const Function& fn) { return p < fn.start; });
    if (f == functions_.begin()) return "";
    --f;
    if (pc >= f->start + std::max<size_t>(f->size, 1)) return "";
    return "runtime: " + f->name;
  }

 private:
  struct Function {
    uintptr_t start;
    size_t size;
    std::string name;
  };
  static constexpr const char* kOpcodeNames[] = {
#define PJ_OPCODE_NAME(name, jumps) #name,
      PJ_OPCODES(PJ_OPCODE_NAME)
#undef PJ_OPCODE_NAME
  };

  BinarySymbols() {
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(&ObjectOf), &info) == 0) return;
    const uintptr_t base = reinterpret_cast<uintptr_t>(info.dli_fbase);
    auto binary = llvm::object::ObjectFile::createObjectFile("/proc/self/exe");
    if (!binary) {
      llvm::consumeError(binary.takeError());
      return;
    }
    const llvm::object::ObjectFile& obj = *binary->getBinary();
    const bool pie = llvm::cast<llvm::object::ELFObjectFileBase>(&obj)->getEType() == llvm::ELF::ET_DYN;
    const uintptr_t bias = pie ? base : 0;
    for (const llvm::object::SymbolRef& sym : obj.symbols()) {
      auto type = sym.getType();
      auto address = sym.getAddress();
      auto name = sym.getName();
      if (!type || !address || !name) {
        if (!type) llvm::consumeError(type.takeError());
        if (!address) llvm::consumeError(address.takeError());
        if (!name) llvm::consumeError(name.takeError());
        continue;
      }
      const std::string demangled = llvm::demangle(name->str());
      // Short, as a profile row: no parameters, no namespace of ours.
      std::string shown = demangled;
      for (const char* prefix : {"(anonymous namespace)::", "pyjit::"}) {
        for (size_t at; (at = shown.find(prefix)) != std::string::npos;) {
          shown.erase(at, std::strlen(prefix));
        }
      }
      shown = shown.substr(0, shown.find('('));
      if (*type == llvm::object::SymbolRef::ST_Function && *address != 0) {
        const size_t size = llvm::object::ELFSymbolRef(sym).getSize();
        functions_.push_back({bias + *address, size, shown});
        if (demangled.rfind("pyjit::Interpreter::Execute(", 0) == 0) {
          execute_ = {bias + *address, bias + *address + size};
        }
      } else if (absl::StartsWith(demangled, "pyjit::Interpreter::Execute(") &&
                 absl::EndsWith(demangled, "::kDispatch")) {
        const auto* table = reinterpret_cast<const uintptr_t*>(bias + *address);
        for (int op = 0; op < static_cast<int>(std::size(kOpcodeNames)); ++op) {
          handlers_.emplace_back(table[op], op);
        }
      }
    }
    std::sort(functions_.begin(), functions_.end(),
              [](const Function& a, const Function& b) { return a.start < b.start; });
    std::sort(handlers_.begin(), handlers_.end());
  }

  static void ObjectOf() {}  // an address in the binary, for dladdr

  std::vector<Function> functions_;
  std::pair<uintptr_t, uintptr_t> execute_{0, 0};
  std::vector<std::pair<uintptr_t, int>> handlers_;  // label address, opcode
};

// Where a sample outside compiled code was: in the pyjit binary, the
// function (tier 1 by opcode, see BinarySymbols); elsewhere the shared
// object by its file's base name.
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
  if (info.dli_fname == self) {
    std::string name = BinarySymbols::Get().Name(pc);
    return name.empty() ? "pyjit binary (no symbol)" : name;
  }
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
  // Each sample's range: the samples sorted by address, each range (the
  // latest first, so that it wins where it reused freed code's addresses)
  // takes those in it not yet taken. A range costs a binary search, not a
  // pass over every sample.
  std::vector<uintptr_t> sorted = pcs;
  std::sort(sorted.begin(), sorted.end());
  std::vector<const CodeRange*> hit(sorted.size(), nullptr);
  for (auto r = ranges.rbegin(); r != ranges.rend(); ++r) {
    for (size_t k = std::lower_bound(sorted.begin(), sorted.end(), r->start) - sorted.begin();
         k < sorted.size() && sorted[k] - r->start < r->size; ++k) {
      if (hit[k] == nullptr) hit[k] = &*r;
    }
  }
  for (size_t k = 0; k < sorted.size(); ++k) {
    if (hit[k] == nullptr) {
      ++p.outside[ObjectOf(sorted[k])];
      continue;
    }
    ++p.in_compiled_code;
    ++p.by_uop[uop_key(*hit[k])].samples;
    ++p.by_range[hit[k]->Name()];
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
  // Outside compiled code, hottest first: what has at least 0.5% of some
  // run's samples, the rest summed up.
  std::set<std::string> objects;
  for (const UopProfile& p : profiles) {
    for (const auto& [object, n] : p.outside) objects.insert(object);
  }
  std::vector<std::pair<double, std::string>> shown;
  for (const std::string& object : objects) {
    double share = 0;
    for (const UopProfile& p : profiles) {
      auto it = p.outside.find(object);
      if (it != p.outside.end() && p.total > 0) {
        share = std::max(share, static_cast<double>(it->second) / p.total);
      }
    }
    shown.emplace_back(-share, object);
  }
  std::sort(shown.begin(), shown.end());
  std::vector<uint64_t> rest(profiles.size(), 0);
  for (const auto& [negative_share, object] : shown) {
    std::vector<std::string> cells;
    for (size_t k = 0; k < profiles.size(); ++k) {
      auto it = profiles[k].outside.find(object);
      const uint64_t n = it == profiles[k].outside.end() ? 0 : it->second;
      if (-negative_share < 0.005) {
        rest[k] += n;
        continue;
      }
      cells.push_back(Percent(n, profiles[k].total));
    }
    if (-negative_share >= 0.005) row("  " + object.substr(0, kFirst - 3), cells);
  }
  std::vector<std::string> rest_cells;
  for (size_t k = 0; k < profiles.size(); ++k) {
    rest_cells.push_back(Percent(rest[k], profiles[k].total));
  }
  row("  (the rest outside compiled code)", rest_cells);

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
