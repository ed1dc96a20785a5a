#include "backends/code_map.h"

#include <unistd.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/code.h"

namespace pyjit {
namespace {

int32_t LineOf(const CodeObject* code, int32_t pc) {
  if (code == nullptr || pc < 0 || static_cast<size_t>(pc) >= code->positions.size()) return 0;
  return code->positions[pc].line;
}

std::string TraceName(const Trace& trace) {
  return absl::StrCat("py::", trace.function, ":", LineOf(trace.code, trace.loop_head), "@",
                      trace.loop_head);
}

}  // namespace

std::string CodeRange::Name() const {
  if (uop_name.empty()) return absl::StrCat(trace, " [", backend, "]");
  if (uop < 0) return absl::StrCat(trace, " ", uop_name, " [", backend, "]");
  return absl::StrCat(trace, " #", uop, " ", uop_name, " [", backend, "]");
}

std::vector<CodeRange> CodeRangesOf(const Executor& executor) {
  std::vector<CodeRange> ranges;
  const uintptr_t base = reinterpret_cast<uintptr_t>(executor.code());
  const size_t size = executor.code_size();
  if (base == 0 || size == 0) return ranges;
  const Trace& trace = executor.trace();
  CodeRange whole;
  whole.start = base;
  whole.size = size;
  whole.trace = TraceName(trace);
  whole.backend = executor.backend_name();
  const std::vector<size_t> offsets = executor.uop_offsets();
  const size_t n = trace.uops.size();
  if (n == 0 || offsets.size() < n) return {whole};
  // Where the uops' code ends, if the backend said: exits and stubs follow.
  const size_t uops_end = offsets.size() > n ? std::min(offsets[n], size) : size;
  // Uops by where their code starts; a uop that left no code of its own
  // (asmjit folds some into their neighbours) shares its start with the
  // next and gets no range.
  std::vector<std::pair<size_t, int>> starts;
  for (size_t i = 0; i < n; ++i) {
    if (offsets[i] < uops_end) starts.emplace_back(offsets[i], static_cast<int>(i));
  }
  std::stable_sort(starts.begin(), starts.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  auto add = [&](size_t from, size_t to, int uop, std::string name) {
    if (to <= from) return;
    CodeRange r = whole;
    r.start = base + from;
    r.size = to - from;
    r.uop = uop;
    r.uop_name = std::move(name);
    ranges.push_back(std::move(r));
  };
  add(0, starts.empty() ? uops_end : starts.front().first, -1, "entry");
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t end = k + 1 < starts.size() ? starts[k + 1].first : uops_end;
    const int uop = starts[k].second;
    add(starts[k].first, end, uop, InfoOf(trace.uops[uop].op).name);
  }
  add(uops_end, size, -1, "exits");
  return ranges;
}

absl::StatusOr<std::unique_ptr<PerfMap>> PerfMap::Open(std::string path) {
  if (path.empty()) path = absl::StrCat("/tmp/perf-", getpid(), ".map");
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot write the perf map ", path));
  }
  return std::unique_ptr<PerfMap>(new PerfMap(file, std::move(path)));
}

PerfMap::~PerfMap() { std::fclose(file_); }

void PerfMap::Add(const Executor& executor) {
  for (const CodeRange& r : CodeRangesOf(executor)) {
    absl::FPrintF(file_, "%x %x %s\n", r.start, r.size, r.Name());
  }
  // perf may read the file while the program still runs (perf top).
  std::fflush(file_);
}

}  // namespace pyjit
