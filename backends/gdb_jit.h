// Compiled traces for GDB, through its JIT interface ("JIT Compilation
// Interface" in GDB's manual): per trace, an in-memory ELF object that
// names its code (a symbol per range of backends/code_map.h, so the same
// names as the perf map) and maps it to Python source lines (.debug_line),
// linked into the descriptor GDB watches. A backtrace stopped in the
// runtime then names the trace (and the uop) that called it.
//
// The descriptor and __jit_debug_register_code are libLLVM's (it exports
// the pair for ORC): one list for the process, as the interface wants.
#ifndef PYJIT_BACKENDS_GDB_JIT_H_
#define PYJIT_BACKENDS_GDB_JIT_H_

#include <memory>
#include <string>
#include <vector>

#include "backends/backend.h"

namespace pyjit {

class GdbJitRegistry {
 public:
  GdbJitRegistry();
  GdbJitRegistry(const GdbJitRegistry&) = delete;
  GdbJitRegistry& operator=(const GdbJitRegistry&) = delete;
  // Unregisters everything it registered.
  ~GdbJitRegistry();
  // Registers the executor's code (nothing for an interpreter). The entry
  // stays until the registry goes, so code freed before then (evicted,
  // recompiled) keeps its names in GDB.
  void Add(const Executor& executor);

  // Whether a debugger is tracing this process (TracerPid in
  // /proc/self/status): `--gdb-jit=auto` registers only then.
  static bool DebuggerAttached();
  // The ELF object GDB reads for `executor`, for tests.
  static std::string ElfFor(const Executor& executor);

 private:
  struct Entry;
  std::vector<std::unique_ptr<Entry>> entries_;
};

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_GDB_JIT_H_
