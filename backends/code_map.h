// Names for compiled code, for whoever looks at it from outside: perf (a
// /tmp/perf-PID.map file) and `pyjit profile` (samples mapped to uops).
// One rule names the ranges for both, so the two cannot disagree.
//
// A trace's code is split per uop where the backend keeps uops apart
// (Executor::uop_offsets: copy_and_patch, asmjit), else it is one range
// (llvm, mir: their code generators mix uops). Names read
// `py::FUNCTION:LINE@HEAD [BACKEND]` for a whole trace, and
// `py::FUNCTION:LINE@HEAD #I UOP [BACKEND]` for uop I of it, LINE the
// uop's (or the loop head's) source line.
#ifndef PYJIT_BACKENDS_CODE_MAP_H_
#define PYJIT_BACKENDS_CODE_MAP_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "backends/backend.h"

namespace pyjit {

struct CodeRange {
  uintptr_t start = 0;
  size_t size = 0;
  std::string trace;    // py::FUNCTION:LINE@HEAD
  std::string backend;
  int uop = -1;         // its index in the trace, or -1: the whole trace,
                        // or code before the first uop or after the last
  // The uop's name; "entry" (before the first uop's code: a prologue, a
  // trampoline, a first iteration the backend wrote apart), "exits" (after
  // the last uop's: exit paths, stubs, constants); "" for a whole trace.
  std::string uop_name;
  int32_t line = 0;  // the uop's source line (the loop head's for the rest)
  std::string Name() const;
};

// The ranges of an executor's machine code, in address order, covering
// all of it; none for an interpreter.
std::vector<CodeRange> CodeRangesOf(const Executor& executor);

// The source file a trace's lines are in (its function's name for a trace
// parsed from text), for line tables.
std::string SourceFileOf(const Trace& trace);

// /tmp/perf-PID.map, the file perf reads to name JIT code (perf's
// Documentation/jit-interface.txt): one line per range, "START SIZE NAME"
// in hex. Code freed later keeps its lines (perf has no way to take
// them back), so an address reused by a later trace has two names.
// A jitdump file (perf's Documentation/jitdump-specification.txt):
// /tmp/jit-PID.dump, mapped executable once (never written through that
// mapping: perf finds the file by the mmap event it records). Per trace
// one code-load record with the code bytes, named as a whole trace is,
// preceded by debug info: each uop's first address with its Python source
// line (and the uop's index as the discriminator). `perf record -k 1`,
// then `perf inject --jit`, then `perf report` / `perf annotate`.
class JitDump {
 public:
  static absl::StatusOr<std::unique_ptr<JitDump>> Open(std::string path = "");
  ~JitDump();
  void Add(const Executor& executor);
  const std::string& path() const { return path_; }

 private:
  JitDump(std::FILE* file, std::string path, void* marker, size_t marker_size)
      : file_(file), path_(std::move(path)), marker_(marker), marker_size_(marker_size) {}
  std::FILE* file_;
  std::string path_;
  void* marker_;  // the executable mapping of the file's first page
  size_t marker_size_;
  uint64_t next_index_ = 0;
};

class PerfMap {
 public:
  // Creates (or truncates) the file; `path` empty: /tmp/perf-<pid>.map.
  static absl::StatusOr<std::unique_ptr<PerfMap>> Open(std::string path = "");
  ~PerfMap();
  void Add(const Executor& executor);
  const std::string& path() const { return path_; }

 private:
  PerfMap(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  std::FILE* file_;
  std::string path_;
};

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_CODE_MAP_H_
