// The tier-1 interpreter: runs a program's bytecode frame by frame, keeps
// the loop counters and type feedback that tier 2 reads, and reports an
// uncaught Python exception with its traceback.
#ifndef PYJIT_RUNTIME_INTERPRETER_H_
#define PYJIT_RUNTIME_INTERPRETER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "runtime/code.h"
#include "runtime/errors.h"
#include "runtime/value.h"

namespace pyjit {

struct TracebackEntry {
  std::string filename;
  int line;
  std::string function;
};

// Frames live in one contiguous stack, innermost last, as in CPython's
// data stack: pushing a frame is a pointer bump.
class FrameStack {
 public:
  FrameStack();
  ~FrameStack();
  FrameStack(const FrameStack&) = delete;
  FrameStack& operator=(const FrameStack&) = delete;

  // Null when the stack is full.
  PjFrame* Push(const CodeObject& code, PjValue* globals, PjFrame* back);
  void Pop(PjFrame* frame);
  int depth() const { return depth_; }

 private:
  char* base_;
  size_t capacity_;
  size_t used_ = 0;
  int depth_ = 0;
};

class Interpreter {
 public:
  // Python's default recursion limit.
  static constexpr int kMaxDepth = 1000;

  explicit Interpreter(Program& program);

  // Runs the module to the end. False when an exception escaped: it is in
  // CurrentError() and its traceback in traceback().
  bool Run();

  const std::vector<TracebackEntry>& traceback() const { return traceback_; }
  // CPython's report of an uncaught exception, traceback and last line.
  std::string FormatError() const;

 private:
  bool Execute(PjFrame* entry);
  PjValue CallFunction(PjFrame* caller);
  void RecordTraceback(PjFrame* innermost);
  void CollectGarbage(PjFrame* innermost);
  std::string SourceLine(int line) const;

  Program& program_;
  std::vector<PjValue> globals_;
  std::vector<PjValue> builtins_;  // per global slot: the builtin it falls back to
  FrameStack frames_;
  std::vector<TracebackEntry> traceback_;
};

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_INTERPRETER_H_
