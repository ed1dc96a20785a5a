#include "runtime/interpreter.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "runtime/builtins.h"
#include "runtime/fast_paths.h"
#include "runtime/exceptions.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/heap.h"
#include "runtime/objects.h"
#include "runtime/ops.h"
#include "runtime/python_names.h"
#include "runtime/quickening.h"
#include "runtime/suggestions.h"

namespace pyjit {
namespace {

const CodeObject& CodeOf(const PjFrame* f) { return *static_cast<const CodeObject*>(f->code); }
CodeObject& MutableCodeOf(PjFrame* f) {
  return *const_cast<CodeObject*>(static_cast<const CodeObject*>(f->code));
}

// The slot of `container[index]` when both are what tier 1's fast path
// takes, a list and an in-range int; null otherwise. BINARY_SUBSCR,
// STORE_SUBSCR and their list forms all ask it.
inline PjValue* FastListSlot(const PjValue& container, const PjValue& index) {
  return container.tag == PJ_TAG_LIST && index.tag == PJ_TAG_INT
             ? pj_fast_list_slot(pj_as_list(container), index.as.i)
             : nullptr;
}

// A call of anything but a Python function: a builtin or a bound method,
// or TypeError.
PjValue CallNative(PjValue callee, const CallArgs& call) {
  switch (callee.tag) {
    case PJ_TAG_BUILTIN:
      return reinterpret_cast<PjBuiltin*>(callee.as.obj)->fn(call);
    case PJ_TAG_BOUND_METHOD: {
      auto* m = reinterpret_cast<PjBoundMethod*>(callee.as.obj);
      return m->fn(m->self, call);
    }
    case PJ_TAG_EXC_CLASS:
      return CallExcClass(callee, call);
    default:
      return RaiseF(ExcKind::kTypeError, "'%s' object is not callable", TypeName(callee));
  }
}

// How CPython's _PyObject_FunctionStr names a callee in a call's errors.
std::string CalleeDescription(PjValue callee) {
  switch (callee.tag) {
    case PJ_TAG_FUNCTION:
      return absl::StrCat("__main__.",
                          reinterpret_cast<const PjFunction*>(callee.as.obj)->code->qualname, "()");
    case PJ_TAG_BUILTIN:
      return absl::StrCat(reinterpret_cast<const PjBuiltin*>(callee.as.obj)->name, "()");
    case PJ_TAG_BOUND_METHOD: {
      const auto* m = reinterpret_cast<const PjBoundMethod*>(callee.as.obj);
      return absl::StrCat(TypeName(m->self), ".", m->name, "()");
    }
    case PJ_TAG_EXC_CLASS:
      return absl::StrCat(ExcClassName(callee), "()");
    default:
      return absl::StrCat(TypeName(callee), " object");
  }
}

void RecordBranch(TypeFeedback& fb, bool truth) {
  fb.right |= truth ? kSeenTrue : kSeenFalse;
  fb.history = static_cast<uint16_t>((fb.history << 1) | (truth ? 1 : 0));
  if (fb.history_length < 16) ++fb.history_length;
}

// Functions by their code (one `def` makes them all), builtins by their
// permanent object; anything else (a bound method is new on every access)
// is many.
void RecordCallee(TypeFeedback& fb, PjValue callee) {
  const void* id = callee.tag == PJ_TAG_FUNCTION
                       ? static_cast<const void*>(reinterpret_cast<PjFunction*>(callee.as.obj)->code)
                   : callee.tag == PJ_TAG_BUILTIN ? static_cast<const void*>(callee.as.obj)
                                                  : kManyCallees;
  if (fb.callee != id) {
    fb.callee = fb.callee == nullptr ? id : kManyCallees;
    fb.callee_tag = static_cast<uint8_t>(callee.tag);
  }
}

std::string Quoted(const std::string& name) { return absl::StrCat("'", name, "'"); }

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'", as CPython lists missing names.
std::string JoinNames(const std::vector<std::string>& names) {
  if (names.size() == 1) return Quoted(names[0]);
  if (names.size() == 2) return absl::StrCat(Quoted(names[0]), " and ", Quoted(names[1]));
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i + 1 == names.size()) {
      absl::StrAppend(&out, "and ", Quoted(names[i]));
    } else {
      absl::StrAppend(&out, Quoted(names[i]), ", ");
    }
  }
  return out;
}

// Fills a new frame's parameters from a call's arguments, as CPython's
// _PyEval_MakeFrame does, in its order and with its messages for every
// mismatch: positional arguments, the rest into *args, keywords, then too
// many positional ones, then the missing, from the defaults or an error.
bool BindArguments(const PjFunction* fn, PjFrame* frame, const PjValue* args, int nargs,
                   const PjTuple* kwnames, const PjValue* kwvalues) {
  const CodeObject& code = *fn->code;
  const int nparams = code.nparams;
  const int nkwonly = code.nkwonly;
  const int ndefaults = fn->defaults == nullptr ? 0 : static_cast<int>(fn->defaults->size);
  const char* name = code.qualname.c_str();
  PjValue* locals = frame->slots;
  for (int i = 0; i < std::min(nargs, nparams); ++i) locals[i] = args[i];
  if (code.has_varargs) {
    const int extra = std::max(0, nargs - nparams);
    PjTuple* rest = TheHeap().NewTuple(extra);
    for (int i = 0; i < extra; ++i) rest->items[i] = args[nparams + i];
    locals[nparams + nkwonly] = pj_object(PJ_TAG_TUPLE, &rest->head);
  }
  if (kwnames != nullptr) {
    for (int64_t k = 0; k < kwnames->size; ++k) {
      const PjStr* key = pj_as_str(kwnames->items[k]);
      int slot = -1;
      for (int p = 0; p < nparams + nkwonly; ++p) {
        if (code.local_names[p] == key->data) slot = p;
      }
      if (slot < 0) {
        RaiseF(ExcKind::kTypeError, "%s() got an unexpected keyword argument '%s'", name,
               key->data);
        return false;
      }
      if (locals[slot].tag != PJ_TAG_UNBOUND) {
        RaiseF(ExcKind::kTypeError, "%s() got multiple values for argument '%s'", name,
               key->data);
        return false;
      }
      locals[slot] = kwvalues[k];
    }
  }
  if (nargs > nparams && !code.has_varargs) {
    int kwonly_given = 0;
    for (int p = nparams; p < nparams + nkwonly; ++p) kwonly_given += locals[p].tag != PJ_TAG_UNBOUND;
    std::string takes = ndefaults > 0
                            ? absl::StrCat("from ", nparams - ndefaults, " to ", nparams)
                            : absl::StrCat(nparams);
    std::string kwonly =
        kwonly_given == 0
            ? ""
            : absl::StrFormat(" positional argument%s (and %d keyword-only argument%s)",
                              nargs != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    RaiseF(ExcKind::kTypeError, "%s() takes %s positional argument%s but %d%s %s given", name,
           takes, nparams != 1 || ndefaults > 0 ? "s" : "", nargs, kwonly,
           nargs == 1 && kwonly_given == 0 ? "was" : "were");
    return false;
  }
  std::vector<std::string> missing;
  for (int p = 0; p < nparams; ++p) {
    if (locals[p].tag != PJ_TAG_UNBOUND) continue;
    int default_index = p - (nparams - ndefaults);
    if (default_index >= 0) {
      locals[p] = fn->defaults->items[default_index];
    } else {
      missing.push_back(code.local_names[p]);
    }
  }
  if (!missing.empty()) {
    RaiseF(ExcKind::kTypeError, "%s() missing %d required positional argument%s: %s", name,
           static_cast<int>(missing.size()), missing.size() == 1 ? "" : "s",
           JoinNames(missing));
    return false;
  }
  for (int p = nparams; p < nparams + nkwonly; ++p) {
    if (locals[p].tag != PJ_TAG_UNBOUND) continue;
    const PjTuple* kwdefaults = fn->kwdefaults;
    for (int64_t i = 0; kwdefaults != nullptr && i < kwdefaults->size; i += 2) {
      if (code.local_names[p] == pj_as_str(kwdefaults->items[i])->data) {
        locals[p] = kwdefaults->items[i + 1];
      }
    }
    if (locals[p].tag == PJ_TAG_UNBOUND) missing.push_back(code.local_names[p]);
  }
  if (!missing.empty()) {
    RaiseF(ExcKind::kTypeError, "%s() missing %d required keyword-only argument%s: %s", name,
           static_cast<int>(missing.size()), missing.size() == 1 ? "" : "s",
           JoinNames(missing));
    return false;
  }
  return true;
}

// What a call does before the body runs, for code with cells or free
// variables: a cell around each variable an inner function shares (a
// parameter's value goes into it), the closure's cells into their slots.
void EnterClosure(const PjFunction* fn, PjFrame* frame) {
  const CodeObject& code = *fn->code;
  for (int32_t slot : code.cell_slots) {
    auto* cell = reinterpret_cast<PjCell*>(
        TheHeap().Allocate(PJ_TAG_CELL, sizeof(PjCell), Heap::Lifetime::kCollected));
    cell->value = frame->slots[slot];
    frame->slots[slot] = pj_object(PJ_TAG_CELL, &cell->head);
  }
  for (int i = 0; i < code.nfree; ++i) frame->slots[code.free_start + i] = fn->closure->items[i];
}

}  // namespace

const char* FunctionName(PjValue function) {
  return reinterpret_cast<const PjFunction*>(function.as.obj)->code->name.c_str();
}

FrameStack::FrameStack() : capacity_(size_t{256} << 20) {
  // Reserved, not committed: pages are touched only as deep as calls go.
  void* p = mmap(nullptr, capacity_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  base_ = static_cast<char*>(p);
}

FrameStack::~FrameStack() { munmap(base_, capacity_); }

void FrameStack::Pop(PjFrame* frame) {
  used_ = reinterpret_cast<char*>(frame) - base_;
  --depth_;
  top_ = frame->back;
}

Interpreter::Interpreter(Program& program) : program_(program) {
  size_t n = program.global_names.size();
  globals_.assign(n, pj_unbound());
  builtins_.reserve(n);
  for (const std::string& name : program.global_names) builtins_.push_back(LookupBuiltin(name));
}

namespace {
Interpreter* current_interpreter = nullptr;
}  // namespace

Interpreter* Interpreter::Current() { return current_interpreter; }

bool Interpreter::Run() {
  current_interpreter = this;
  PjFrame* f = frames_.Push(*program_.module_code, globals_.data(), nullptr);
  bool ok = Execute(f, f);
  // Output that could not be written at the end is the program's error,
  // unless it already had one.
  if (!StdOut().Flush() && ok) {
    CurrentError().traceback.clear();
    ok = false;
  }
  current_interpreter = nullptr;
  return ok;
}

void Interpreter::DisableQuickening() {
  std::vector<CodeObject*> pending = {program_.module_code.get()};
  while (!pending.empty()) {
    CodeObject* code = pending.back();
    pending.pop_back();
    code->PrepareCounters(/*quicken=*/false);
    for (const auto& child : code->children) pending.push_back(child.get());
  }
}

void Interpreter::RunAsCurrent(const std::function<void()>& body) {
  Interpreter* outer = current_interpreter;
  current_interpreter = this;
  body();
  current_interpreter = outer;
}

[[gnu::always_inline]] inline PjFrame* Interpreter::EnterFunction(
    const PjFunction* fn, PjFrame* caller, const PjValue* args, int nargs, const PjTuple* kwnames,
    const PjValue* kwvalues) {
  // The common call, inlined (always: GCC stopped once tier 1 had two
  // call sites, and fib_recursive ran 1.11x slower) into tier 1's calls and
  // CallFromCompiled: exactly the positional parameters, copied by a loop
  // (a memcpy of a count unknown here is a library call, and most calls
  // pass one to three), nothing for the collector to do.
  if (kwnames == nullptr && nargs == fn->code->PlainArgCount() && frames_.depth() < kMaxDepth &&
      !TheHeap().collection_due()) {
    if (PjFrame* frame = frames_.Push(*fn->code, caller->globals, caller, nargs)) {
      for (int i = 0; i < nargs; ++i) frame->slots[i] = args[i];
      return frame;
    }
  }
  return EnterFunctionSlowly(fn, caller, args, nargs, kwnames, kwvalues);
}

PjFrame* Interpreter::EnterFunctionSlowly(const PjFunction* fn, PjFrame* caller,
                                          const PjValue* args, int nargs,
                                          const PjTuple* kwnames, const PjValue* kwvalues) {
  if (frames_.depth() >= kMaxDepth) {
    Raise(ExcKind::kRecursionError, "maximum recursion depth exceeded");
    return nullptr;
  }
  const bool positional = kwnames == nullptr && nargs == fn->code->PlainArgCount();
  PjFrame* frame = frames_.Push(*fn->code, caller->globals, caller, positional ? nargs : 0);
  if (frame == nullptr) {
    Raise(ExcKind::kMemoryError, "out of frame space");
    return nullptr;
  }
  if (positional) {
    for (int i = 0; i < nargs; ++i) frame->slots[i] = args[i];
  } else if (!BindArguments(fn, frame, args, nargs, kwnames, kwvalues)) {
    frames_.Pop(frame);
    return nullptr;
  }
  if (!fn->code->cell_slots.empty() || fn->code->nfree != 0) EnterClosure(fn, frame);
  // Function entry is a safe point: the arguments are in the new frame.
  if (TheHeap().collection_due()) CollectGarbage(frame);
  return frame;
}

PjValue Interpreter::CallFromCompiled(PjFrame* caller, PjValue* callee_and_args, int nargs) {
  PjValue callee = callee_and_args[0];
  PjValue* args = callee_and_args + 1;
  // During the call the caller's stack ends below the callee, as in tier 1.
  caller->stack_depth =
      static_cast<int32_t>(callee_and_args - (caller->slots + CodeOf(caller).nlocals()));
  if (callee.tag != PJ_TAG_FUNCTION) {
    return CallNative(callee, CallArgs{args, nargs, nullptr, nullptr});
  }
  // What tier 1 would have recorded, for a trace that inlines this call
  // later. (caller->pc is the call's: a call inside an inlined call, whose
  // pc is in another code, is guarded to be a builtin's and never gets
  // here.)
  std::vector<TypeFeedback>& feedback = MutableCodeOf(caller).feedback;
  if (static_cast<size_t>(caller->pc) < feedback.size()) RecordCallee(feedback[caller->pc], callee);
  return CallPython(reinterpret_cast<const PjFunction*>(callee.as.obj), caller, args, nargs);
}

PjValue Interpreter::CallFromRuntime(PjValue callee, const PjValue* args, int nargs) {
  if (callee.tag != PJ_TAG_FUNCTION) {
    return CallNative(callee, CallArgs{args, nargs, nullptr, nullptr});
  }
  ScopedNoCollection no_collection;  // the caller's values are in C++ variables
  return CallPython(reinterpret_cast<const PjFunction*>(callee.as.obj), frames_.top(), args,
                    nargs);
}

PjValue Interpreter::CallPython(const PjFunction* fn, PjFrame* caller, const PjValue* args,
                                int nargs) {
  PjFrame* frame = EnterFunction(fn, caller, args, nargs, nullptr, nullptr);
  if (frame == nullptr) return pj_error();
  if (fn->code->is_generator) return MakeGenerator(frame);
  CodeObject& code = MutableCodeOf(frame);
  const DirectTrace* trace = code.direct_trace;
  if (trace != nullptr && trace->look_every != 0 && --trace->until_look == 0) {
    trace->until_look = trace->look_every;
    trace = nullptr;  // this call is tier 2's to time (RunFunctionTrace)
  }
  if (trace != nullptr) {
    // Compiled code to compiled code: the callee's trace and the traces
    // linked at its exits (side traces, its loops' traces round and round),
    // to the return, with no C++ of tier 2's between.
    int64_t r = RunLinked(&trace, frame);
    if (r >= 0 && trace->exits[r].returns) {
      ++code.direct_returns;
      return PopStoppedAtReturn(frame);
    }
    if (!tier2_->DirectTraceLeft(*trace, r, frame)) {
      // Raised in compiled code: tier 1 unwinds it, to a handler in the
      // callee or out of it.
      if (!Execute(frame, frames_.top(), /*raising=*/true)) return pj_error();
      return return_value_;
    }
  } else if (MayRunFunctionTrace(code) && !RunFunctionTrace(frame)) {
    if (!Execute(frame, frames_.top(), /*raising=*/true)) return pj_error();
    return return_value_;
  }
  // Tier 1 goes on where the function trace left (in a call it inlined,
  // when it left there), unless that is the return itself: then returning
  // is all there is left to do (what Execute's RETURN_VALUE does for its
  // entry frame).
  PjFrame* innermost = frames_.top();
  if (innermost == frame && code.code[frame->pc].op == Op::RETURN_VALUE) {
    return PopStoppedAtReturn(frame);
  }
  bool began = tier2_ != nullptr && tier2_->times_tier1() && tier2_->Tier1Begins();
  bool ok = Execute(frame, innermost);
  if (began) tier2_->Tier1Ends();
  if (!ok) return pj_error();
  return return_value_;
}

namespace {
uint64_t links_followed_by_dispatcher = 0;
const DirectTrace* Running() { return static_cast<const DirectTrace*>(pj_link_state.running); }
}  // namespace

int64_t RunLinked(const DirectTrace** trace, PjFrame* frame) {
  // Saved and restored: the code may call a function whose trace runs
  // through here too, nested.
  const void* outer = pj_link_state.running;
  const DirectTrace* t = *trace;
  int64_t r;
  for (;;) {
    pj_link_state.running = t;
    r = t->code(frame);
    // Code that follows links may have left in another trace (and one that
    // returns instead: then the rule is applied here).
    if (t->code_follows_links) t = Running();
    if (r < 0 || t->code_follows_links) break;
    const void* next = pj_exit_link_target(r, t->exits);
    if (next == nullptr) break;
    ++pj_link_state.followed;
    ++links_followed_by_dispatcher;
    t = static_cast<const DirectTrace*>(next);
  }
  pj_link_state.running = outer;
  *trace = t;
  return r;
}

ScopedNoLinks::ScopedNoLinks() : outer_(Running()) { pj_link_state.running = nullptr; }
ScopedNoLinks::~ScopedNoLinks() { pj_link_state.running = outer_; }

LinksFollowed CountLinksFollowed() {
  return {pj_link_state.followed, links_followed_by_dispatcher};
}

PjValue Interpreter::MakeGenerator(PjFrame* frame) {
  const CodeObject& code = CodeOf(frame);
  const size_t bytes = sizeof(PjValue) * code.nslots();
  auto* g = reinterpret_cast<PjGenerator*>(TheHeap().Allocate(
      PJ_TAG_GENERATOR, sizeof(PjGenerator), Heap::Lifetime::kCollected, bytes));
  g->code = &code;
  g->globals = frame->globals;
  g->nslots = code.nslots();
  g->nlocals = code.nlocals();
  g->slots = static_cast<PjValue*>(std::malloc(bytes));
  std::memcpy(g->slots, frame->slots, sizeof(PjValue) * code.nlocals());
  g->pc = 0;
  g->stack_depth = 0;
  g->state = PjGenerator::kSuspended;
  g->handled = pj_none();
  frames_.Pop(frame);
  return pj_object(PJ_TAG_GENERATOR, &g->head);
}

int Interpreter::ResumeGenerator(PjGenerator* g, PjValue* out) {
  if (g->state == PjGenerator::kFinished) return 0;
  if (g->state == PjGenerator::kRunning) {
    Raise(ExcKind::kValueError, "generator already executing");
    return -1;
  }
  if (frames_.depth() >= kMaxDepth) {
    Raise(ExcKind::kRecursionError, "maximum recursion depth exceeded");
    return -1;
  }
  PjFrame* frame = frames_.Push(*g->code, g->globals, frames_.top(), g->nlocals);
  if (frame == nullptr) {
    Raise(ExcKind::kMemoryError, "out of frame space");
    return -1;
  }
  std::memcpy(frame->slots, g->slots, sizeof(PjValue) * (g->nlocals + g->stack_depth));
  frame->pc = g->pc;
  frame->stack_depth = g->stack_depth;
  g->state = PjGenerator::kRunning;
  // Its consumer may be a runtime function holding values in C++ (list(),
  // sorted()) or compiled code between its own calls.
  ScopedNoCollection no_collection;
  PjGenerator* outer = resuming_;
  resuming_ = g;
  yielded_ = false;
  outer_handled_.push_back(handled_);
  handled_ = g->handled;
  const bool ok = Execute(frame, frame);
  const bool yielded = yielded_;
  g->handled = yielded ? handled_ : pj_none();
  handled_ = outer_handled_.back();
  outer_handled_.pop_back();
  yielded_ = false;
  resuming_ = outer;
  if (!ok) {
    g->state = PjGenerator::kFinished;
    ReplaceStopIterationFromGenerator(handled_);
    return -1;
  }
  g->state = yielded ? PjGenerator::kSuspended : PjGenerator::kFinished;
  if (yielded) *out = return_value_;
  return yielded ? 1 : 0;
}

PjValue Interpreter::PopStoppedAtReturn(PjFrame* frame) {
  PjValue result = frame->slots[CodeOf(frame).nlocals() + frame->stack_depth - 1];
  frames_.Pop(frame);
  return result;
}

namespace {
// The count at which tier 2 is asked again, `after` counts from `count`
// (0: never).
uint32_t NextAsk(uint32_t count, uint32_t after) {
  uint64_t again = uint64_t{count} + after;
  return after == 0 || again >= UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(again);
}
}  // namespace

bool Interpreter::RunFunctionTrace(PjFrame* frame) {
  CodeObject& code = MutableCodeOf(frame);
  EntryExecutor* executor = code.entry_executor;
  if (executor == nullptr) {
    uint32_t count = ++code.call_count;
    if (count < tier2_->hot_threshold() || count < code.tier2_entry_ask_at) return true;
    HotLoopDecision decision = tier2_->OnHotFunction(code, frame);
    executor = decision.executor;
    if (executor == nullptr) {
      code.tier2_entry_ask_at = NextAsk(count, decision.ask_again_after);
      return true;
    }
    code.entry_executor = executor;
  }
  return tier2_->Enter(executor, frame);
}

void Interpreter::AddTracebackEntry(const PjFrame* frame) {
  const CodeObject& code = CodeOf(frame);
  int line = frame->pc < static_cast<int>(code.positions.size()) ? code.positions[frame->pc].line : 0;
  CurrentError().traceback.push_back(TracebackEntry{&code, line});
}

std::string Interpreter::SourceLine(int line) const {
  std::vector<absl::string_view> lines = absl::StrSplit(program_.source_text, '\n');
  if (line < 1 || line > static_cast<int>(lines.size())) return "";
  return std::string(absl::StripAsciiWhitespace(lines[line - 1]));
}

namespace {
// CPython 3.9+ makes the script's path absolute (the working directory
// joined to it as given, not normalized) before it runs it.
std::string ScriptPathAsCPythonShowsIt(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == nullptr) return path;
  return absl::StrCat(cwd, "/", path);
}
}  // namespace

std::string Interpreter::FormatTraceback(const std::vector<TracebackEntry>& traceback) const {
  std::string out = "Traceback (most recent call last):\n";
  // As CPython's tb_print_internal: a run of identical entries (recursion)
  // shows its first kRecursiveCutoff, then how many more there were.
  constexpr int kRecursiveCutoff = 3;
  auto repeated = [&](int run) {
    if (run <= kRecursiveCutoff) return;
    int more = run - kRecursiveCutoff;
    absl::StrAppend(&out, "  [Previous line repeated ", more, " more time",
                    more > 1 ? "s" : "", "]\n");
  };
  int run = 0;
  const TracebackEntry* last = nullptr;
  // Outermost first: the entries were added innermost first.
  for (auto it = traceback.rbegin(); it != traceback.rend(); ++it) {
    const TracebackEntry& e = *it;
    if (last == nullptr || e.code != last->code || e.line != last->line) {
      repeated(run);
      run = 0;
      last = &e;
    }
    if (++run > kRecursiveCutoff) continue;
    absl::StrAppend(&out, "  File \"", ScriptPathAsCPythonShowsIt(e.code->filename), "\", line ",
                    e.line, ", in ", e.code->name, "\n");
    std::string source = SourceLine(e.line);
    if (!source.empty()) absl::StrAppend(&out, "    ", source, "\n");
  }
  repeated(run);
  return out;
}

std::string Interpreter::FormatError() const {
  const PendingError& error = CurrentError();
  std::string out;
  // The exceptions before this one, oldest first: each one's cause when it
  // has one, else what it was raised while handling (CPython's order).
  std::vector<std::pair<const PjException*, bool>> chain;  // and whether a cause
  if (error.object.tag == PJ_TAG_EXCEPTION) {
    for (const PjException* e = reinterpret_cast<const PjException*>(error.object.as.obj);;) {
      const bool caused = e->cause.tag == PJ_TAG_EXCEPTION;
      PjValue before = caused ? e->cause : e->context;
      if (before.tag != PJ_TAG_EXCEPTION) break;
      e = reinterpret_cast<const PjException*>(before.as.obj);
      chain.insert(chain.begin(), {e, caused});
    }
  }
  for (const auto& [e, caused] : chain) {
    if (e->traceback != nullptr) out += FormatTraceback(*e->traceback);
    std::string text = ExceptionStr(pj_object(PJ_TAG_EXCEPTION, const_cast<PjObject*>(&e->head)));
    absl::StrAppend(&out, ExcKindName(e->kind), text.empty() ? "" : ": ", text, "\n");
    out += caused ? "\nThe above exception was the direct cause of the following exception:\n\n"
                  : "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  out += FormatTraceback(error.traceback);
  if (error.kind == ExcKind::kUnsupported) {
    absl::StrAppend(&out, "pyjit: ", error.message, "\n");
    return out;
  }
  absl::StrAppend(&out, ExcKindName(error.kind));
  if (!error.message.empty()) absl::StrAppend(&out, ": ", error.message);
  out += "\n";
  return out;
}

void Interpreter::RaiseUnbound(const CodeObject& code, int slot) {
  const std::string& name = code.local_names[slot];
  if (slot >= code.free_start && slot < code.free_start + code.nfree) {
    RaiseNameError(ExcKind::kNameError, code, name,
                   absl::StrFormat("cannot access free variable '%s' where it is not associated "
                                   "with a value in enclosing scope",
                                   name));
  } else {
    RaiseNameError(ExcKind::kUnboundLocalError, code, name,
                   absl::StrFormat("cannot access local variable '%s' where it is not associated "
                                   "with a value",
                                   name));
  }
}

void Interpreter::RaiseNameError(ExcKind kind, const CodeObject& code, const std::string& name,
                                 const std::string& message) {
  if (kind == ExcKind::kNameError && CPythonHas("builtins", name)) {
    RaiseUnsupported("the builtin '" + name + "'");
    return;
  }
  // Where CPython 3.11 looks, in its order: the function's variables, the
  // module's globals (its dunders, then the names bound so far), the builtins.
  std::vector<std::string_view> locals(code.local_names.begin(), code.local_names.end());
  std::string suggestion = Suggest(name, locals);
  if (suggestion.empty()) {
    std::vector<std::string_view> globals = {"__name__",        "__doc__",  "__package__",
                                             "__loader__",      "__spec__", "__annotations__",
                                             "__builtins__",    "__file__", "__cached__"};
    for (size_t i = 0; i < program_.global_names.size(); ++i) {
      if (globals_[i].tag != PJ_TAG_UNBOUND) globals.push_back(program_.global_names[i]);
    }
    suggestion = Suggest(name, globals);
  }
  if (suggestion.empty()) suggestion = Suggest(name, CPythonBuiltinsInOrder());
  if (suggestion.empty()) {
    Raise(kind, message);
  } else {
    Raise(kind, absl::StrCat(message, ". Did you mean: '", suggestion, "'?"));
  }
}

void Interpreter::CollectGarbage(PjFrame* innermost) {
  TheHeap().Collect([&](RootMarker& marker) {
    marker.MarkRange(globals_.data(), globals_.data() + globals_.size());
    marker.Mark(handled_);
    marker.MarkRange(outer_handled_.data(), outer_handled_.data() + outer_handled_.size());
    marker.Mark(CurrentError().object);
    for (PjFrame* f = innermost; f != nullptr; f = f->back) {
      int live = CodeOf(f).nlocals() + f->stack_depth;
      marker.MarkRange(f->slots, f->slots + live);
    }
  });
}

bool Interpreter::Execute(PjFrame* entry, PjFrame* start, bool raising) {
  PjFrame* f = start;
  // The state every instruction uses, in callee-saved registers named here:
  // left to itself, GCC's allocator spilled some of them to the stack in
  // this one large function whenever an instruction was added, and tier 1
  // ran up to 1.4x slower. What calls and slow paths use lives in memory.
  register CodeObject* code asm("rbx");
  register Tier1Instr* instrs asm("r12");
  register PjValue* locals asm("r13");
  register PjValue* sp asm("r14");
  register int pc asm("r15");
  PjValue* stack_base;

  // Frame state lives in locals while a frame runs and is written back to
  // the frame (pc, stack depth) whenever anything may look at it.
#define PJ_LOAD_FRAME()                              \
  do {                                               \
    code = &MutableCodeOf(f);                        \
    instrs = code->tier1_code.data();                \
    locals = f->slots;                               \
    stack_base = f->slots + code->nlocals();         \
    sp = stack_base + f->stack_depth;                \
    pc = f->pc;                                      \
  } while (0)
#define PJ_SAVE_FRAME()                                        \
  do {                                                         \
    f->pc = pc;                                                \
    f->stack_depth = static_cast<int32_t>(sp - stack_base);    \
  } while (0)
  PJ_LOAD_FRAME();

#define PJ_CHECK(value)  \
  do {                   \
    if (IsError(value)) goto error; \
  } while (0)

  // Threaded dispatch: every instruction ends by jumping straight to the
  // next one's code (PJ_NEXT), one indirect jump per instruction kind for
  // the branch predictor to learn instead of the switch's shared one. The
  // switch stays, for the first dispatch and so that the compiler names an
  // opcode without a case; `ip` is the instruction a case runs.
  // Building with -DPJ_TIER1_SWITCH_DISPATCH makes every instruction go
  // back to the switch instead, to measure what threading is worth.
  static const void* const kDispatch[] = {
#define PJ_OP_LABEL(name, unused) &&op_##name,
      PJ_OPCODES(PJ_OP_LABEL) PJ_SPECIALIZED_OPCODES(PJ_OP_LABEL)
#undef PJ_OP_LABEL
  };
#ifdef PJ_TIER1_SWITCH_DISPATCH
#define PJ_NEXT() continue
  (void)kDispatch;
#else
#define PJ_NEXT() goto* kDispatch[static_cast<uint8_t>(instrs[pc].op)]
#endif
#define PJ_CASE(name)  \
  case Tier1Op::name: \
  op_##name:           \
    ip = &instrs[pc];
  // Quickening (quickening.h): a generic instruction whose countdown runs
  // out asks which form fits the operands it has (after recording them as
  // feedback, which its forms never do: what they accept is already
  // recorded); the form it gets runs at once. A form whose check fails
  // turns back into the generic instruction and runs that.
#define PJ_QUICKEN(specialization)                                            \
  if (__builtin_expect(ip->countdown != 0 && --ip->countdown == 0, 0) &&     \
      Quicken(*ip, code->tier1_caches[pc], specialization)) {                 \
    PJ_NEXT();                                                                \
  }
#define PJ_DESPECIALIZE(generic) \
  do {                           \
    Despecialize(*ip);           \
    goto op_##generic;           \
  } while (0)
  // A Python function's frame, just entered (null: the error is pending):
  // tier 1 goes on in it, after its function trace when tier 2 has one,
  // and its RETURN_VALUE comes back to the caller's next instruction; no
  // nested Execute. Building with -DPJ_TIER1_NESTED_CALLS runs each call
  // of tier 1 alone in a nested Execute instead, to measure what that is
  // worth.
#ifdef PJ_TIER1_NESTED_CALLS
#define PJ_NESTED_CALL(callee_frame)                                 \
  if (tier2_ == nullptr) {                                           \
    if (!Execute(callee_frame, callee_frame)) goto error_saved;      \
    PJ_LOAD_FRAME();                                                 \
    ++pc;                                                            \
    *sp++ = return_value_;                                           \
    PJ_NEXT();                                                       \
  }
#else
#define PJ_NESTED_CALL(callee_frame)
#endif
#define PJ_GO_ON_IN_CALLEE(callee_frame, fn)                                    \
  {                                                                             \
    if ((callee_frame) == nullptr) goto error_saved;                            \
    if ((fn)->code->is_generator) { /* the call's value: a generator */        \
      *sp++ = MakeGenerator(callee_frame);                                      \
      ++pc;                                                                     \
      PJ_NEXT();                                                                \
    }                                                                           \
    PJ_NESTED_CALL(callee_frame)                                                \
    f = (callee_frame);                                                         \
    const bool ok = !MayRunFunctionTrace(*(fn)->code) || RunFunctionTrace(f);   \
    f = frames_.top();                                                          \
    PJ_LOAD_FRAME(); /* at pc 0, or where the function trace left */            \
    if (!ok) goto error_saved;                                                  \
    PJ_NEXT();                                                                  \
  }
  Tier1Instr* ip = nullptr;
  if (raising) goto error_saved;
  for (;;) {
    switch (instrs[pc].op) {
      PJ_CASE(NOP)
        ++pc;
        PJ_NEXT();
      PJ_CASE(LOAD_CONST)
        pj_value_move(sp++, &code->constants[ip->arg]);
        ++pc;
        PJ_NEXT();
      PJ_CASE(LOAD_FAST) {
        const PjValue* v = &locals[ip->arg];
        if (v->tag == PJ_TAG_UNBOUND) {
          RaiseUnbound(*code, ip->arg);
          goto error;
        }
        pj_value_move(sp++, v);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(STORE_FAST)
        pj_value_move(&locals[ip->arg], --sp);
        ++pc;
        PJ_NEXT();
      PJ_CASE(LOAD_GLOBAL) {
        const PjValue* v = &f->globals[ip->arg];
        if (v->tag == PJ_TAG_UNBOUND) v = &builtins_[ip->arg];
        if (v->tag == PJ_TAG_UNBOUND) {
          const std::string& name = program_.global_names[ip->arg];
          RaiseNameError(ExcKind::kNameError, *code, name,
                         absl::StrFormat("name '%s' is not defined", name));
          goto error;
        }
        pj_value_move(sp++, v);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(STORE_GLOBAL)
        pj_value_move(&f->globals[ip->arg], --sp);
        ++pc;
        PJ_NEXT();
      PJ_CASE(POP_TOP)
        --sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(COPY)
        pj_value_move(sp, &sp[-ip->arg]);
        ++sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(SWAP) {
        PjValue t;
        pj_value_move(&t, &sp[-1]);
        pj_value_move(&sp[-1], &sp[-ip->arg]);
        pj_value_move(&sp[-ip->arg], &t);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(BINARY_OP) {
        PjValue b = sp[-1], a = sp[-2];
        TypeFeedback& fb = code->feedback[pc];
        fb.left |= TypeBitOf(a);
        fb.right |= TypeBitOf(b);
        PJ_QUICKEN(SpecializeBinaryOp(ip->arg, a, b));
        PjValue r;
        // Ints and floats without a call (runtime/fast_paths.h, as the
        // specialized uops compute them); an in-place operator on them is
        // the plain one.
        if (!pj_fast_binary_op(ip->arg & ~kInplaceFlag, a, b, &r)) {
          r = pj_binary_op(ip->arg, a, b);
          PJ_CHECK(r);
        }
        --sp;
        sp[-1] = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(UNARY_OP) {
        PjValue a = sp[-1];
        code->feedback[pc].left |= TypeBitOf(a);
        PjValue r = pj_unary_op(ip->arg, a);
        PJ_CHECK(r);
        sp[-1] = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(COMPARE_OP) {
        PjValue b = sp[-1], a = sp[-2];
        TypeFeedback& fb = code->feedback[pc];
        fb.left |= TypeBitOf(a);
        fb.right |= TypeBitOf(b);
        PJ_QUICKEN(SpecializeCompareOp(ip->arg, a, b));
        PjValue r;
        if (a.tag == PJ_TAG_INT && b.tag == PJ_TAG_INT &&
            IsOrderCompare(static_cast<CompareOp>(ip->arg))) {
          r = pj_bool(pj_order_compare_i64(a.as.i, b.as.i, ip->arg));  // without a call
        } else if (a.tag == PJ_TAG_FLOAT && b.tag == PJ_TAG_FLOAT &&
                   IsOrderCompare(static_cast<CompareOp>(ip->arg))) {
          r = pj_bool(pj_order_compare_f64(a.as.f, b.as.f, ip->arg));
        } else {
          r = pj_compare_op(ip->arg, a, b);
          PJ_CHECK(r);
        }
        --sp;
        sp[-1] = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(JUMP_FORWARD)
        pc = ip->arg;
        PJ_NEXT();
      PJ_CASE(JUMP_BACKWARD) {
        uint32_t count = ++code->backedge_counts[pc];
        pc = ip->arg;
        // A safe point: everything live is in frames.
        if (TheHeap().collection_due()) {
          PJ_SAVE_FRAME();
          CollectGarbage(f);
        }
        if (tier2_ == nullptr) PJ_NEXT();
        EntryExecutor* executor = code->loop_executors[pc];
        if (executor == nullptr && count >= tier2_->hot_threshold() &&
            count >= code->tier2_ask_at[pc]) {
          PJ_SAVE_FRAME();
          HotLoopDecision decision = tier2_->OnHotLoop(*code, pc, f);
          executor = decision.executor;
          if (executor != nullptr) {
            code->loop_executors[pc] = executor;
          } else {
            code->tier2_ask_at[pc] = NextAsk(count, decision.ask_again_after);
          }
        }
        if (executor != nullptr) {
          PJ_SAVE_FRAME();
          bool ok = tier2_->Enter(executor, f);
          f = frames_.top();  // the frame of a call it inlined, if it left in one
          PJ_LOAD_FRAME();       // as tier 1 would have had it
          if (!ok) goto error_saved;
        }
        PJ_NEXT();
      }
      PJ_CASE(POP_JUMP_IF_FALSE) {
        PjValue v = *--sp;
        bool truth = v.tag == PJ_TAG_BOOL ? v.as.i != 0 : pj_truthy(v);
        RecordBranch(code->feedback[pc], truth);
        pc = truth ? pc + 1 : ip->arg;
        PJ_NEXT();
      }
      PJ_CASE(POP_JUMP_IF_TRUE) {
        PjValue v = *--sp;
        bool truth = v.tag == PJ_TAG_BOOL ? v.as.i != 0 : pj_truthy(v);
        RecordBranch(code->feedback[pc], truth);
        pc = truth ? ip->arg : pc + 1;
        PJ_NEXT();
      }
      PJ_CASE(JUMP_IF_FALSE_OR_POP) {
        bool truth = pj_truthy(sp[-1]);
        RecordBranch(code->feedback[pc], truth);
        if (!truth) {
          pc = ip->arg;
        } else {
          --sp;
          ++pc;
        }
        PJ_NEXT();
      }
      PJ_CASE(JUMP_IF_TRUE_OR_POP) {
        bool truth = pj_truthy(sp[-1]);
        RecordBranch(code->feedback[pc], truth);
        if (truth) {
          pc = ip->arg;
        } else {
          --sp;
          ++pc;
        }
        PJ_NEXT();
      }
      PJ_CASE(GET_ITER) {
        PjValue it = pj_get_iter(sp[-1]);
        PJ_CHECK(it);
        sp[-1] = it;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(FOR_ITER) {
        PjValue it = sp[-1];
        bool over_list = it.tag == PJ_TAG_SEQ_ITER &&
                         reinterpret_cast<PjSeqIter*>(it.as.obj)->seq != nullptr &&
                         reinterpret_cast<PjSeqIter*>(it.as.obj)->seq->kind == PJ_TAG_LIST;
        // What is iterated: kSeenInt for a range, kSeenList for a list.
        code->feedback[pc].left |= it.tag == PJ_TAG_RANGE_ITER ? kSeenInt
                                   : over_list                  ? kSeenList
                                                                : kSeenOther;
        PJ_QUICKEN(SpecializeForIter(it));
        PjValue next;
        const int more = it.tag == PJ_TAG_RANGE_ITER
                             ? pj_fast_range_next(reinterpret_cast<PjRangeIter*>(it.as.obj), &next)
                             : pj_iter_next(it, &next);
        if (more > 0) {
          pj_value_move(sp++, &next);
          ++pc;
        } else {
          if (more < 0) goto error;
          --sp;
          pc = ip->arg;
        }
        PJ_NEXT();
      }
      PJ_CASE(BUILD_LIST)
        sp -= ip->arg;
        *sp = pj_build_list(sp, ip->arg);
        ++sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(BUILD_TUPLE)
        sp -= ip->arg;
        *sp = pj_build_tuple(sp, ip->arg);
        ++sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(BUILD_MAP) {
        sp -= 2 * ip->arg;
        PjValue d = pj_build_map(sp, ip->arg);
        PJ_CHECK(d);
        *sp++ = d;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(BUILD_SET) {
        sp -= ip->arg;
        PjValue s = pj_build_set(sp, ip->arg);
        PJ_CHECK(s);
        *sp++ = s;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(SET_ADD) {
        --sp;
        if (pj_set_add(sp[-ip->arg], sp[0]) != 0) goto error;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(MAP_ADD) {
        sp -= 2;
        if (pj_map_add(sp[-ip->arg], sp[0], sp[1]) != 0) goto error;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(DELETE_SUBSCR) {
        sp -= 2;
        if (pj_delete_subscript(sp[0], sp[1]) != 0) goto error;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(BUILD_STRING)
        sp -= ip->arg;
        *sp = pj_build_string(sp, ip->arg);
        ++sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(FORMAT_VALUE) {
        const bool has_spec = (ip->arg & PJ_FORMAT_HAS_SPEC) != 0;
        PjValue* value = sp - (has_spec ? 2 : 1);
        PjValue r = pj_format_value(*value, sp[-1], ip->arg);
        PJ_CHECK(r);
        *value = r;
        sp = value + 1;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(LIST_APPEND) {
        PjValue v = *--sp;
        pj_list_append(sp[-ip->arg], v);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(UNPACK_SEQUENCE) {
        if (pj_unpack_sequence(sp[-1], ip->arg, sp - 1) != 0) goto error;
        sp += ip->arg - 1;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(BINARY_SUBSCR) {
        PjValue index = sp[-1], container = sp[-2];
        TypeFeedback& fb = code->feedback[pc];
        fb.left |= TypeBitOf(container);
        fb.right |= TypeBitOf(index);
        PJ_QUICKEN(SpecializeSubscript(Op::BINARY_SUBSCR, container, index));
        PjValue* slot = FastListSlot(container, index);
        if (slot != nullptr) {
          --sp;
          pj_value_move(&sp[-1], slot);
          ++pc;
          PJ_NEXT();
        }
        PjValue r = pj_subscript(container, index);
        PJ_CHECK(r);
        --sp;
        sp[-1] = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(BINARY_SLICE) {
        PjValue r = pj_slice(sp[-4], sp[-3], sp[-2], sp[-1]);
        PJ_CHECK(r);
        sp -= 3;
        sp[-1] = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(STORE_SUBSCR) {
        PjValue index = sp[-1], container = sp[-2], value = sp[-3];
        TypeFeedback& fb = code->feedback[pc];
        fb.left |= TypeBitOf(container);
        fb.right |= TypeBitOf(index);
        PJ_QUICKEN(SpecializeSubscript(Op::STORE_SUBSCR, container, index));
        PjValue* slot = FastListSlot(container, index);
        if (slot != nullptr) {
          pj_value_move(slot, &sp[-3]);
        } else if (pj_store_subscript(container, index, value) != 0) {
          goto error;
        }
        sp -= 3;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(LOAD_ATTR) {
        PJ_QUICKEN(SpecializeLoadAttr(sp[-1], code->names[ip->arg]));
        PjValue r = GetAttribute(sp[-1], code->names[ip->arg]);
        PJ_CHECK(r);
        sp[-1] = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(CALL)
      PJ_CASE(CALL_KW) {
        int total = ip->arg;
        const PjTuple* kwnames =
            ip->op == Tier1Op::CALL_KW ? pj_as_tuple(code->constants[ip->arg2]) : nullptr;
        int nkw = kwnames ? static_cast<int>(kwnames->size) : 0;
        PjValue* args = sp - total;
        PjValue callee = args[-1];
        RecordCallee(code->feedback[pc], callee);
        if (ip->op == Tier1Op::CALL) PJ_QUICKEN(SpecializeCall(callee, total));
        if (callee.tag == PJ_TAG_FUNCTION) {
          auto* fn = reinterpret_cast<PjFunction*>(callee.as.obj);
          sp = args - 1;  // the callee and arguments leave the caller's stack
          PJ_SAVE_FRAME();   // pc stays at the call, for tracebacks, until it returns
          // The arguments still sit, untouched, just above the caller's stack.
          PjFrame* callee_frame =
              EnterFunction(fn, f, args, total - nkw, kwnames, args + (total - nkw));
          PJ_GO_ON_IN_CALLEE(callee_frame, fn);
        }
        PjValue r =
            CallNative(callee, CallArgs{args, total - nkw, args + (total - nkw), kwnames});
        PJ_CHECK(r);
        sp = args - 1;
        *sp++ = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(CALL_METHOD) {
        PjValue* args = sp - ip->arg;
        code->feedback[pc].left |= TypeBitOf(args[-1]);  // what the method was called on
        PJ_QUICKEN(SpecializeCallMethod(args[-1], code->names[ip->arg2]));
        CallArgs call{args, ip->arg, nullptr, nullptr};
        PjValue r = CallMethod(args[-1], code->names[ip->arg2], call);
        PJ_CHECK(r);
        sp = args - 1;
        *sp++ = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(MAKE_FUNCTION) {
        auto* fn = reinterpret_cast<PjFunction*>(TheHeap().Allocate(
            PJ_TAG_FUNCTION, sizeof(PjFunction), Heap::Lifetime::kCollected));
        fn->code = code->children[ip->arg].get();
        fn->closure = (ip->arg2 & kFunctionClosure) != 0 ? pj_as_tuple(*--sp) : nullptr;
        fn->kwdefaults = (ip->arg2 & kFunctionKwDefaults) != 0 ? pj_as_tuple(*--sp) : nullptr;
        fn->defaults = (ip->arg2 & kFunctionDefaults) != 0 ? pj_as_tuple(*--sp) : nullptr;
        *sp++ = pj_object(PJ_TAG_FUNCTION, &fn->head);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(LOAD_DEREF) {
        PjValue v = reinterpret_cast<const PjCell*>(locals[ip->arg].as.obj)->value;
        if (v.tag == PJ_TAG_UNBOUND) {
          RaiseUnbound(*code, ip->arg);
          goto error;
        }
        *sp++ = v;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(STORE_DEREF)
        reinterpret_cast<PjCell*>(locals[ip->arg].as.obj)->value = *--sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(DELETE_DEREF)  // only `except E as e` deletes, as DELETE_FAST
        reinterpret_cast<PjCell*>(locals[ip->arg].as.obj)->value = pj_unbound();
        ++pc;
        PJ_NEXT();
      PJ_CASE(LOAD_CLOSURE)
        *sp++ = locals[ip->arg];
        ++pc;
        PJ_NEXT();
      PJ_CASE(LIST_EXTEND) {
        PjValue iterable = sp[-1];
        PjValue it = pj_get_iter(iterable);
        if (IsError(it)) {
          if (CurrentError().kind != ExcKind::kTypeError) goto error;
          ClearError();
          // arg2: a call's only argument, `f(*x)`, named as CPython names it.
          RaiseF(ExcKind::kTypeError, "%s after * must be an iterable, not %s",
                 ip->arg2 != 0 ? absl::StrCat(CalleeDescription(sp[-ip->arg - 2]), " argument")
                               : std::string("Value"),
                 TypeName(iterable));
          goto error;
        }
        PjList* list = pj_as_list(sp[-ip->arg - 1]);
        PjValue item;
        int more;
        while ((more = pj_iter_next(it, &item)) > 0) TheHeap().Append(list, item);
        if (more < 0) goto error;
        --sp;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(CALL_FUNCTION_EX) {
        const int nkw = ip->arg;
        const PjTuple* kwnames = nkw > 0 ? pj_as_tuple(code->constants[ip->arg2]) : nullptr;
        PjValue* kwvalues = sp - nkw;
        const PjList* positional = pj_as_list(kwvalues[-1]);
        PjValue callee = kwvalues[-2];
        sp = kwvalues - 2;
        if (callee.tag == PJ_TAG_FUNCTION) {
          auto* fn = reinterpret_cast<PjFunction*>(callee.as.obj);
          PJ_SAVE_FRAME();
          PjFrame* callee_frame =
              EnterFunction(fn, f, positional->items, static_cast<int>(positional->size),
                            kwnames, kwvalues);
          PJ_GO_ON_IN_CALLEE(callee_frame, fn);
        }
        PjValue r = CallNative(callee, CallArgs{positional->items, static_cast<int>(positional->size),
                                                kwvalues, kwnames});
        PJ_CHECK(r);
        *sp++ = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(RETURN_VALUE) {
        PjValue result = *--sp;
        PjFrame* caller = f->back;
        frames_.Pop(f);
        if (f == entry) {
          return_value_ = result;
          return true;
        }
        f = caller;
        PJ_LOAD_FRAME();
        ++pc;  // past the call, which stayed the caller's pc for tracebacks
        *sp++ = result;
        PJ_NEXT();
      }
      // Only a generator's frame yields, and only as the entry of the
      // Execute that ResumeGenerator runs it in: its state goes back into
      // the generator, None in place of the value (what `yield` is when
      // it resumes).
      PJ_CASE(YIELD_VALUE) {
        PjValue value = sp[-1];
        sp[-1] = pj_none();
        ++pc;
        PJ_SAVE_FRAME();
        PjGenerator* g = resuming_;
        std::memcpy(g->slots, f->slots, sizeof(PjValue) * (g->nlocals + f->stack_depth));
        g->pc = f->pc;
        g->stack_depth = f->stack_depth;
        frames_.Pop(f);
        return_value_ = value;
        yielded_ = true;
        return true;
      }
      PJ_CASE(IMPORT_NAME) {
        PjValue m = ImportModule(code->names[ip->arg]);
        PJ_CHECK(m);
        *sp++ = m;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(ASSERT_FAIL)
        Raise(ExcKind::kAssertionError, ip->arg ? Str(sp[-1]) : "");
        goto error;
      PJ_CASE(PUSH_EXC_INFO) {
        PjValue exception = sp[-1];
        sp[-1] = handled_;
        *sp++ = exception;
        handled_ = exception;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(POP_EXCEPT)
        handled_ = *--sp;
        ++pc;
        PJ_NEXT();
      PJ_CASE(CHECK_EXC_MATCH) {
        int match = ExceptionMatches(sp[-2], sp[-1]);
        if (match < 0) goto error;
        sp[-1] = pj_bool(match);
        ++pc;
        PJ_NEXT();
      }
      // Raising again what was raised before: its traceback already has
      // this frame, where it was caught (CPython's RERAISE and bare
      // `raise` skip PyTraceBack_Here too).
      PJ_CASE(RERAISE)
        Reraise(*--sp);
        PJ_SAVE_FRAME();
        goto exception_unwind;
      PJ_CASE(RAISE_VARARGS)
        if (ip->arg == 0) {
          const PjValue topmost = TopmostHandled();
          if (topmost.tag != PJ_TAG_EXCEPTION) {
            Raise(ExcKind::kRuntimeError, "No active exception to reraise");
            goto error;
          }
          Reraise(topmost);
          PJ_SAVE_FRAME();
          goto exception_unwind;
        }
        RaiseFromPython(*--sp, TopmostHandled());
        goto error;
      // Only `except E as e` deletes, after storing None: never unbound.
      PJ_CASE(DELETE_FAST)
        locals[ip->arg] = pj_unbound();
        ++pc;
        PJ_NEXT();
      PJ_CASE(DELETE_GLOBAL)
        f->globals[ip->arg] = pj_unbound();
        ++pc;
        PJ_NEXT();

      // The specialized forms (code.h, quickening.h). Each checks what it
      // was made for and otherwise runs its generic instruction.
#define PJ_INT_ARITHMETIC(name, builtin)                                           \
      PJ_CASE(name) {                                                              \
        PjValue* a = &sp[-2];                                                      \
        const PjValue* b = &sp[-1];                                                \
        int64_t r;                                                                 \
        if (a->tag != PJ_TAG_INT || b->tag != PJ_TAG_INT ||                        \
            builtin(a->as.i, b->as.i, &r)) {                                       \
          PJ_DESPECIALIZE(BINARY_OP); /* or a result beyond 64 bits */             \
        }                                                                          \
        a->as.i = r;                                                               \
        --sp;                                                                      \
        ++pc;                                                                      \
        PJ_NEXT();                                                                 \
      }
      PJ_INT_ARITHMETIC(BINARY_OP_ADD_INT, __builtin_add_overflow)
      PJ_INT_ARITHMETIC(BINARY_OP_SUB_INT, __builtin_sub_overflow)
      PJ_INT_ARITHMETIC(BINARY_OP_MUL_INT, __builtin_mul_overflow)
#undef PJ_INT_ARITHMETIC
#define PJ_FLOAT_ARITHMETIC(name, op, extra_check)                                 \
      PJ_CASE(name) {                                                              \
        PjValue* a = &sp[-2];                                                      \
        const PjValue* b = &sp[-1];                                                \
        if (a->tag != PJ_TAG_FLOAT || b->tag != PJ_TAG_FLOAT || (extra_check)) {   \
          PJ_DESPECIALIZE(BINARY_OP);                                              \
        }                                                                          \
        a->as.f = a->as.f op b->as.f;                                              \
        --sp;                                                                      \
        ++pc;                                                                      \
        PJ_NEXT();                                                                 \
      }
      PJ_FLOAT_ARITHMETIC(BINARY_OP_ADD_FLOAT, +, false)
      PJ_FLOAT_ARITHMETIC(BINARY_OP_SUB_FLOAT, -, false)
      PJ_FLOAT_ARITHMETIC(BINARY_OP_MUL_FLOAT, *, false)
      PJ_FLOAT_ARITHMETIC(BINARY_OP_TRUEDIV_FLOAT, /, b->as.f == 0.0)  // ZeroDivisionError
#undef PJ_FLOAT_ARITHMETIC
#define PJ_ORDER_COMPARE(name, value_tag, field, compare)                          \
      PJ_CASE(name) {                                                              \
        const PjValue *a = &sp[-2], *b = &sp[-1];                                  \
        if (a->tag != value_tag || b->tag != value_tag) PJ_DESPECIALIZE(COMPARE_OP); \
        const int truth = compare(a->as.field, b->as.field, ip->arg);             \
        --sp;                                                                      \
        sp[-1] = pj_bool(truth);                                                   \
        ++pc;                                                                      \
        PJ_NEXT();                                                                 \
      }
      PJ_ORDER_COMPARE(COMPARE_OP_INT, PJ_TAG_INT, i, pj_order_compare_i64)
      PJ_ORDER_COMPARE(COMPARE_OP_FLOAT, PJ_TAG_FLOAT, f, pj_order_compare_f64)
#undef PJ_ORDER_COMPARE
      PJ_CASE(BINARY_SUBSCR_LIST_INT) {
        PjValue* slot = FastListSlot(sp[-2], sp[-1]);
        if (slot == nullptr) PJ_DESPECIALIZE(BINARY_SUBSCR);  // or IndexError
        --sp;
        pj_value_move(&sp[-1], slot);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(BINARY_SUBSCR_TUPLE_INT) {
        const PjValue *container = &sp[-2], *index = &sp[-1];
        if (container->tag != PJ_TAG_TUPLE || index->tag != PJ_TAG_INT) {
          PJ_DESPECIALIZE(BINARY_SUBSCR);
        }
        const PjTuple* tuple = pj_as_tuple(*container);
        const int64_t i = index->as.i < 0 ? index->as.i + tuple->size : index->as.i;
        if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(tuple->size)) {
          PJ_DESPECIALIZE(BINARY_SUBSCR);  // IndexError, from the generic path
        }
        --sp;
        pj_value_move(&sp[-1], &tuple->items[i]);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(STORE_SUBSCR_LIST_INT) {
        PjValue* slot = FastListSlot(sp[-2], sp[-1]);
        if (slot == nullptr) PJ_DESPECIALIZE(STORE_SUBSCR);  // or IndexError
        pj_value_move(slot, &sp[-3]);
        sp -= 3;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(FOR_ITER_RANGE) {
        if (sp[-1].tag != PJ_TAG_RANGE_ITER) PJ_DESPECIALIZE(FOR_ITER);
        // The int goes straight to its stack slot: no value in memory
        // to copy (see pj_value_move).
        if (pj_fast_range_next(reinterpret_cast<PjRangeIter*>(sp[-1].as.obj), sp)) {
          ++sp;
          ++pc;
        } else {
          --sp;
          pc = ip->arg;
        }
        PJ_NEXT();
      }
      PJ_CASE(FOR_ITER_LIST) {
        auto* it = reinterpret_cast<PjSeqIter*>(sp[-1].as.obj);
        if (sp[-1].tag != PJ_TAG_SEQ_ITER || it->seq == nullptr || it->seq->kind != PJ_TAG_LIST) {
          PJ_DESPECIALIZE(FOR_ITER);
        }
        auto* list = reinterpret_cast<PjList*>(it->seq);
        if (it->index < list->size) {
          pj_value_move(sp++, &list->items[it->index++]);
          ++pc;
        } else {
          it->seq = nullptr;  // exhausted, as pj_iter_next leaves it
          --sp;
          pc = ip->arg;
        }
        PJ_NEXT();
      }
      PJ_CASE(CALL_PY_EXACT_ARGS) {
        PjValue* args = sp - ip->arg;
        const PjValue callee = args[-1];
        auto* fn = reinterpret_cast<PjFunction*>(callee.as.obj);
        if (callee.tag != PJ_TAG_FUNCTION || fn->code != code->tier1_caches[pc].key) {
          PJ_DESPECIALIZE(CALL);
        }
        sp = args - 1;
        PJ_SAVE_FRAME();
        PjFrame* callee_frame = EnterFunction(fn, f, args, ip->arg, nullptr, nullptr);
        PJ_GO_ON_IN_CALLEE(callee_frame, fn);
      }
      PJ_CASE(CALL_BUILTIN) {
        PjValue* args = sp - ip->arg;
        if (args[-1].tag != PJ_TAG_BUILTIN || args[-1].as.obj != code->tier1_caches[pc].key) {
          PJ_DESPECIALIZE(CALL);
        }
        PjValue r = reinterpret_cast<const PjBuiltin*>(args[-1].as.obj)
                        ->fn(CallArgs{args, ip->arg, nullptr, nullptr});
        PJ_CHECK(r);
        sp = args - 1;
        *sp++ = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(CALL_LEN) {
        const PjValue *callee = &sp[-2], *arg = &sp[-1];
        if (callee->tag != PJ_TAG_BUILTIN || callee->as.obj != code->tier1_caches[pc].key) {
          PJ_DESPECIALIZE(CALL);
        }
        int64_t n;
        switch (arg->tag) {
          case PJ_TAG_LIST: n = pj_as_list(*arg)->size; break;
          case PJ_TAG_TUPLE: n = pj_as_tuple(*arg)->size; break;
          case PJ_TAG_STR: n = pj_as_str(*arg)->nchars; break;
          default: PJ_DESPECIALIZE(CALL);  // what else len takes, or its TypeError
        }
        --sp;
        sp[-1] = pj_int(n);
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(CALL_METHOD_TYPE) {
        PjValue* args = sp - ip->arg;
        const Tier1Cache& cache = code->tier1_caches[pc];
        if (args[-1].tag != reinterpret_cast<uint64_t>(cache.key)) PJ_DESPECIALIZE(CALL_METHOD);
        auto method = reinterpret_cast<MethodFn>(cache.target);
        PjValue r = method(args[-1], CallArgs{args, ip->arg, nullptr, nullptr});
        PJ_CHECK(r);
        sp = args - 1;
        *sp++ = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(CALL_METHOD_MODULE) {
        PjValue* args = sp - ip->arg;
        const Tier1Cache& cache = code->tier1_caches[pc];
        if (args[-1].tag != PJ_TAG_MODULE || args[-1].as.obj != cache.key) {
          PJ_DESPECIALIZE(CALL_METHOD);
        }
        PjValue r = static_cast<const PjBuiltin*>(cache.target)
                        ->fn(CallArgs{args, ip->arg, nullptr, nullptr});
        PJ_CHECK(r);
        sp = args - 1;
        *sp++ = r;
        ++pc;
        PJ_NEXT();
      }
      PJ_CASE(LOAD_ATTR_MODULE) {
        const Tier1Cache& cache = code->tier1_caches[pc];
        if (sp[-1].tag != PJ_TAG_MODULE || sp[-1].as.obj != cache.key) {
          PJ_DESPECIALIZE(LOAD_ATTR);
        }
        pj_value_move(&sp[-1], static_cast<const PjValue*>(cache.target));
        ++pc;
        PJ_NEXT();
      }
    }

  // An exception: raised at f's pc (error, error_saved), or raised again
  // there (exception_unwind). Each frame it leaves joins its traceback;
  // the innermost handler that covers a frame's pc takes it, with the
  // frame's stack cut to the handler's depth (code.h's ExceptionHandler).
  // A program outside the subset (Unsupported) is never caught.
  error:
    PJ_SAVE_FRAME();
  error_saved:
    AddTracebackEntry(f);
  exception_unwind : {
    const int handler =
        CurrentError().kind == ExcKind::kUnsupported ? -1 : code->handler_at[f->pc];
    if (handler >= 0) {
      const ExceptionHandler& h = code->handlers[handler];
      sp = stack_base + h.depth;
      *sp++ = TakePendingException(TopmostHandled());
      pc = h.target;
      PJ_NEXT();
    }
    PjFrame* caller = f->back;
    frames_.Pop(f);
    if (f == entry) return false;
    f = caller;
    PJ_LOAD_FRAME();  // at the call
    AddTracebackEntry(f);
    goto exception_unwind;
  }
  }
#undef PJ_CHECK
#undef PJ_NEXT
#undef PJ_CASE
#undef PJ_QUICKEN
#undef PJ_DESPECIALIZE
#undef PJ_LOAD_FRAME
#undef PJ_SAVE_FRAME
#undef PJ_NESTED_CALL
#undef PJ_GO_ON_IN_CALLEE
}

PjValue CallValue(PjValue callee, const PjValue* args, int nargs) {
  return Interpreter::Current()->CallFromRuntime(callee, args, nargs);
}

bool IsCallable(PjValue v) {
  switch (v.tag) {
    case PJ_TAG_FUNCTION:
    case PJ_TAG_BUILTIN:
    case PJ_TAG_BOUND_METHOD:
    case PJ_TAG_EXC_CLASS:
      return true;
    default:
      return false;
  }
}

// The request of the innermost ScopedBackEdgeLooks, and back edges until
// the next look.
namespace {
uint32_t back_edge_look_every = 0;
uint32_t back_edge_looks_left = 0;
// What pj_back_edges_until_ask was last set to here: the back edges run
// since the last ask, when the countdown runs out (the heap cuts it short
// only when a collection is due, which is answered first).
uint64_t back_edges_per_ask = 1;
}  // namespace

// Each change makes compiled code ask at its next back edge
// (pj_back_edges_until_ask), where pj_leave_at_back_edge sees the new
// request.
ScopedBackEdgeLooks::ScopedBackEdgeLooks(uint32_t every) : outer_(back_edge_look_every) {
  back_edge_look_every = back_edge_looks_left = every;
  pj_back_edges_until_ask = back_edges_per_ask = 1;
}

ScopedBackEdgeLooks::~ScopedBackEdgeLooks() {
  back_edge_look_every = back_edge_looks_left = outer_;
  pj_back_edges_until_ask = back_edges_per_ask = 1;
}

bool ScopedBackEdgeLooks::Active() { return back_edge_look_every != 0; }

}  // namespace pyjit

using pyjit::Interpreter;

extern "C" {

PjValue pj_call(PjFrame* frame, PjValue* callee_and_args, int32_t nargs) {
  return Interpreter::Current()->CallFromCompiled(frame, callee_and_args, nargs);
}

PjValue pj_call_method(PjFrame* frame, PjValue* self_and_args, int32_t nargs,
                       int32_t name_index) {
  const auto& code = *static_cast<const pyjit::CodeObject*>(frame->code);
  pyjit::CallArgs call{self_and_args + 1, nargs, nullptr, nullptr};
  return pyjit::CallMethod(self_and_args[0], code.names[name_index], call);
}

PjValue pj_load_attr(PjFrame* frame, PjValue obj, int32_t name_index) {
  const auto& code = *static_cast<const pyjit::CodeObject*>(frame->code);
  return pyjit::GetAttribute(obj, code.names[name_index]);
}

int pj_frame_room(void) { return Interpreter::Current()->FrameRoom(); }

PjLinkState pj_link_state = {nullptr, 0, pyjit::TheHeap().bytes_since_collection_address(),
                              pyjit::TheHeap().threshold_address()};

PjTraceCode pj_follow_link(int64_t exit, const PjExitLink* links) {
  return pj_follow_exit_link(exit, links);
}

uint64_t pj_back_edges_until_ask = UINT64_MAX;

int pj_leave_at_back_edge(void) {
  using pyjit::back_edges_per_ask;
  if (pyjit::TheHeap().collection_due()) {
    pj_back_edges_until_ask = back_edges_per_ask = 1;  // asked again at the next back edge
    return 1;
  }
  if (pyjit::back_edge_look_every == 0) {
    pj_back_edges_until_ask = UINT64_MAX;
    return 0;
  }
  // The countdown runs to the next look inline: compiled code calls here
  // once a look, not once a back edge.
  uint32_t& left = pyjit::back_edge_looks_left;
  left -= static_cast<uint32_t>(std::min<uint64_t>(back_edges_per_ask, left));
  const bool look = left == 0;
  if (look) left = pyjit::back_edge_look_every;
  pj_back_edges_until_ask = back_edges_per_ask = left;
  return look ? 1 : 0;
}

}  // extern "C"

namespace pyjit {
int GeneratorNext(PjGenerator* generator, PjValue* out) {
  return Interpreter::Current()->ResumeGenerator(generator, out);
}
}  // namespace pyjit
