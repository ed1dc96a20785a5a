#include "backends/code_map.h"

#include <elf.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/code.h"

namespace pyjit {
namespace {

uint64_t MonotonicNanos() {  // the clock `perf record -k 1` stamps with
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

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

std::string SourceFileOf(const Trace& trace) {
  return trace.code != nullptr ? trace.code->filename : trace.function;
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
  whole.line = LineOf(trace.code, trace.loop_head);
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
    if (uop >= 0) {
      const Uop& u = trace.uops[uop];
      r.line = LineOf(trace.CodeOf(u), u.pc);
    }
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

// jitdump's records, as perf's specification lays them out.
namespace jitdump {
struct FileHeader {
  uint32_t magic = 0x4A695444;  // "JiTD"
  uint32_t version = 1;
  uint32_t total_size = sizeof(FileHeader);
  uint32_t elf_mach = EM_X86_64;
  uint32_t pad1 = 0;
  uint32_t pid = 0;
  uint64_t timestamp = 0;
  uint64_t flags = 0;
};
enum RecordId : uint32_t { kCodeLoad = 0, kDebugInfo = 2, kClose = 3 };
struct RecordHeader {
  uint32_t id;
  uint32_t total_size;
  uint64_t timestamp;
};
struct CodeLoad {  // then the name (NUL-terminated), then the code
  uint32_t pid, tid;
  uint64_t vma, code_addr, code_size, code_index;
};
struct DebugEntry {  // then the file name (NUL-terminated)
  uint64_t code_addr;
  uint32_t line;
  uint32_t discrim;
};
}  // namespace jitdump

absl::StatusOr<std::unique_ptr<JitDump>> JitDump::Open(std::string path) {
  if (path.empty()) path = absl::StrCat("/tmp/jit-", getpid(), ".dump");
  std::FILE* file = std::fopen(path.c_str(), "w+");
  if (file == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot write the jitdump file ", path));
  }
  jitdump::FileHeader header;
  header.pid = static_cast<uint32_t>(getpid());
  header.timestamp = MonotonicNanos();
  std::fwrite(&header, sizeof header, 1, file);
  std::fflush(file);
  // perf learns of the file from this mapping's mmap event; it is never
  // written or run through (read and execute only, as perf expects).
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* marker = mmap(nullptr, page, PROT_READ | PROT_EXEC, MAP_PRIVATE, fileno(file), 0);
  if (marker == MAP_FAILED) {
    std::fclose(file);
    return absl::UnavailableError(absl::StrCat("cannot map the jitdump file ", path));
  }
  return std::unique_ptr<JitDump>(new JitDump(file, std::move(path), marker, page));
}

JitDump::~JitDump() {
  jitdump::RecordHeader close{jitdump::kClose, sizeof(jitdump::RecordHeader), MonotonicNanos()};
  std::fwrite(&close, sizeof close, 1, file_);
  munmap(marker_, marker_size_);
  std::fclose(file_);
}

void JitDump::Add(const Executor& executor) {
  const std::vector<CodeRange> ranges = CodeRangesOf(executor);
  if (ranges.empty()) return;
  const uint64_t start = reinterpret_cast<uintptr_t>(executor.code());
  const uint64_t size = executor.code_size();
  const std::string file = SourceFileOf(executor.trace());
  const uint64_t now = MonotonicNanos();
  // Debug info first: perf pairs it with the code load that follows.
  std::vector<jitdump::DebugEntry> lines;
  for (const CodeRange& r : ranges) {
    if (r.line > 0) {
      lines.push_back({r.start, static_cast<uint32_t>(r.line),
                       static_cast<uint32_t>(r.uop < 0 ? 0 : r.uop)});
    }
  }
  if (!lines.empty()) {
    // perf ends the line table's sequence at the last entry: one more at
    // the code's end keeps the last range's addresses in it.
    lines.push_back(lines.back());
    lines.back().code_addr = start + size;
    const uint32_t total =
        sizeof(jitdump::RecordHeader) + 16 +
        static_cast<uint32_t>(lines.size() * (sizeof(jitdump::DebugEntry) + file.size() + 1));
    jitdump::RecordHeader h{jitdump::kDebugInfo, total, now};
    std::fwrite(&h, sizeof h, 1, file_);
    const uint64_t nr = lines.size();
    std::fwrite(&start, 8, 1, file_);
    std::fwrite(&nr, 8, 1, file_);
    for (const jitdump::DebugEntry& e : lines) {
      std::fwrite(&e, sizeof e, 1, file_);
      std::fwrite(file.c_str(), file.size() + 1, 1, file_);
    }
  }
  CodeRange whole = ranges.front();
  whole.uop_name.clear();
  const std::string name = whole.Name();
  jitdump::RecordHeader h{jitdump::kCodeLoad,
                          static_cast<uint32_t>(sizeof(jitdump::RecordHeader) +
                                                sizeof(jitdump::CodeLoad) + name.size() + 1 + size),
                          now};
  jitdump::CodeLoad load{static_cast<uint32_t>(getpid()),
                         static_cast<uint32_t>(syscall(SYS_gettid)),
                         start,
                         start,
                         size,
                         next_index_++};
  std::fwrite(&h, sizeof h, 1, file_);
  std::fwrite(&load, sizeof load, 1, file_);
  std::fwrite(name.c_str(), name.size() + 1, 1, file_);
  std::fwrite(executor.code(), 1, size, file_);
  std::fflush(file_);
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
