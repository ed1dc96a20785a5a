#include "ir/trace.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "runtime/format.h"
#include "runtime/value.h"

namespace pyjit {
namespace {

constexpr OpargKind OpargKindOf(UopId op) {
  switch (op) {
#define PJ_OPARG_CASE(name, kind) \
  case UopId::name:               \
    return OpargKind::k##kind;
    PJ_UOP_OPARGS(PJ_OPARG_CASE)
#undef PJ_OPARG_CASE
    default:
      return OpargKind::kNone;  // every other uop; ir_test checks the table
  }
}

const UopInfo kUopInfo[] = {
#define PJ_UOP_INFO(name, pops, pushes, kinds, flags) \
  {#name, kinds, flags, OpargKindOf(UopId::name)},
    PJ_UOPS(PJ_UOP_INFO)
#undef PJ_UOP_INFO
};

// What the printer says about an operand, after `#`.
std::string Explain(const Uop& u, const Trace& trace) {
  if (u.op == UopId::LOAD_CONST && u.oparg == PJ_TAG_UNBOUND) {
    return "unbound (an inlined call's local)";
  }
  if (u.op == UopId::LOAD_CONST) {
    PjValue v;
    v.tag = static_cast<uint64_t>(u.oparg);
    v.as.bits = u.operand;
    return Repr(v);
  }
  if (u.op == UopId::GUARD_CALLEE_CODE) {  // the function, by the calls inlined
    for (const InlinedCall& c : trace.inlined) {
      if (c.code != nullptr && reinterpret_cast<uintptr_t>(c.code) == u.operand) return c.function;
    }
  }
  if (trace.code == nullptr) return "";
  if (u.op == UopId::LOAD_ATTR && u.oparg < static_cast<int>(trace.code->names.size())) {
    return trace.code->names[u.oparg];
  }
  if (u.op == UopId::CALL_METHOD &&
      u.operand < static_cast<uint64_t>(trace.code->names.size())) {
    return trace.code->names[u.operand];
  }
  if ((u.op == UopId::LOAD_FAST || u.op == UopId::STORE_FAST) &&
      u.oparg < trace.code->nlocals()) {
    return trace.code->local_names[u.oparg];
  }
  return "";
}

class TraceParser {
 public:
  explicit TraceParser(absl::string_view text) : text_(text) {}

  absl::StatusOr<Trace> Parse() {
    std::vector<absl::string_view> lines = absl::StrSplit(text_, '\n');
    Trace trace;
    bool header = false, ended = false;
    for (size_t n = 0; n < lines.size(); ++n) {
      line_ = static_cast<int>(n) + 1;
      absl::string_view l = lines[n];
      size_t hash = l.find('#');
      if (hash != absl::string_view::npos) l = l.substr(0, hash);
      line_text_ = l;
      at_ = 0;
      SkipSpace();
      if (at_ == line_text_.size()) continue;  // blank
      if (ended) return Error("text after `end`");
      std::string word = Word();
      if (!header) {
        if (word != "trace") return Error("expected `trace NAME head=@PC depth=N`");
        if (absl::Status s = ParseHeader(trace); !s.ok()) return s;
        header = true;
        continue;
      }
      if (word == "end") {
        ended = true;
        continue;
      }
      if (word == "loop:") {
        if (trace.loop_start != 0 || trace.uops.empty()) {
          return Error("`loop:` comes once, after the first iteration's uops");
        }
        if (!AtEnd()) return Error("unexpected text after `loop:`");
        trace.loop_start = static_cast<int32_t>(trace.uops.size());
        continue;
      }
      if (word == "inline") {
        if (!trace.uops.empty()) return Error("`inline` lines come before the uops");
        absl::StatusOr<InlinedCall> call = ParseInlined(trace);
        if (!call.ok()) return call.status();
        trace.inlined.push_back(*call);
        continue;
      }
      absl::StatusOr<Uop> uop = ParseUop(word, trace);
      if (!uop.ok()) return uop.status();
      trace.uops.push_back(*uop);
    }
    if (!header) return Error("empty trace text");
    if (!ended) return Error("missing `end`");
    if (trace.entry_frame > static_cast<int32_t>(trace.inlined.size())) {
      line_ = 1;
      at_ = 0;
      return Error(absl::StrCat("frame=", trace.entry_frame, " is not an inlined call"));
    }
    return trace;
  }

 private:
  absl::Status Error(absl::string_view message) const {
    return absl::InvalidArgumentError(
        absl::StrCat(line_, ":", static_cast<int>(at_) + 1, ": ", message));
  }
  void SkipSpace() {
    while (at_ < line_text_.size() && std::isspace(static_cast<unsigned char>(line_text_[at_]))) {
      ++at_;
    }
  }
  std::string Word() {
    SkipSpace();
    size_t start = at_;
    while (at_ < line_text_.size() && !std::isspace(static_cast<unsigned char>(line_text_[at_]))) {
      ++at_;
    }
    return std::string(line_text_.substr(start, at_ - start));
  }
  bool AtEnd() {
    SkipSpace();
    return at_ == line_text_.size();
  }

  absl::Status Int(const std::string& text, absl::string_view what, int32_t* out) {
    if (!absl::SimpleAtoi(text, out)) return Error(absl::StrCat("expected ", what));
    return absl::OkStatus();
  }
  absl::Status Pc(absl::string_view what, int32_t* out) {
    SkipSpace();
    size_t start = at_;
    std::string w = Word();
    if (w.size() < 2 || w[0] != '@') {
      at_ = start;
      return Error(absl::StrCat("expected ", what, " as @N"));
    }
    if (!absl::SimpleAtoi(w.substr(1), out) || *out < 0) {
      at_ = start;
      return Error(absl::StrCat("bad ", what, " '", w, "'"));
    }
    return absl::OkStatus();
  }

  absl::Status ParseHeader(Trace& trace) {
    trace.function = Word();
    if (trace.function.empty()) return Error("expected the function's name");
    std::string head = Word();
    if (head.rfind("head=@", 0) != 0) return Error("expected head=@PC");
    if (absl::Status s = Int(head.substr(6), "a loop head pc", &trace.loop_head); !s.ok()) return s;
    std::string depth = Word();
    if (depth.rfind("depth=", 0) != 0) return Error("expected depth=N");
    if (absl::Status s = Int(depth.substr(6), "a stack depth", &trace.entry_depth); !s.ok()) {
      return s;
    }
    if (!AtEnd()) {
      const size_t at = (SkipSpace(), at_);
      std::string frame = Word();
      if (frame.rfind("frame=", 0) != 0 || !absl::SimpleAtoi(frame.substr(6), &trace.entry_frame) ||
          trace.entry_frame < 1) {
        at_ = at;
        return Error("expected frame=K (an inlined call, from 1) or the end of the header");
      }
    }
    if (!AtEnd()) return Error("unexpected text after the header");
    return absl::OkStatus();
  }

  // A `key=N` word.
  absl::Status KeyInt(absl::string_view key, int32_t* out) {
    SkipSpace();
    size_t start = at_;
    std::string w = Word();
    std::string prefix = absl::StrCat(key, "=");
    if (w.rfind(prefix, 0) != 0 || !absl::SimpleAtoi(w.substr(prefix.size()), out) || *out < 0) {
      at_ = start;
      return Error(absl::StrCat("expected ", key, "=N"));
    }
    return absl::OkStatus();
  }

  // inline NAME caller=K call=@PC base=D nlocals=N
  absl::StatusOr<InlinedCall> ParseInlined(const Trace& trace) {
    InlinedCall call;
    call.function = Word();
    if (call.function.empty()) return Error("expected the inlined function's name");
    const size_t caller_at = (SkipSpace(), at_);
    if (absl::Status s = KeyInt("caller", &call.caller); !s.ok()) return s;
    if (call.caller > static_cast<int32_t>(trace.inlined.size())) {
      at_ = caller_at;
      return Error(absl::StrCat("caller ", call.caller, " is not an earlier frame"));
    }
    SkipSpace();
    size_t start = at_;
    std::string w = Word();
    if (w.rfind("call=@", 0) != 0 || !absl::SimpleAtoi(w.substr(6), &call.call_pc) ||
        call.call_pc < 0) {
      at_ = start;
      return Error("expected call=@PC");
    }
    if (absl::Status s = KeyInt("base", &call.base); !s.ok()) return s;
    if (absl::Status s = KeyInt("nlocals", &call.nlocals); !s.ok()) return s;
    if (!AtEnd()) return Error("unexpected text after the inlined call");
    return call;
  }

  absl::StatusOr<Uop> ParseUop(const std::string& name, const Trace& trace) {
    Uop u;
    int id = -1;
    for (int i = 0; i < kNumUops; ++i) {
      if (name == kUopInfo[i].name) id = i;
    }
    if (id < 0) {
      at_ -= name.size();
      return Error(absl::StrCat("unknown uop '", name, "'"));
    }
    u.op = static_cast<UopId>(id);
    const UopInfo& info = kUopInfo[id];
    if (info.kinds & PJ_K_OPARG) {
      size_t start = (SkipSpace(), at_);
      std::string w = Word();
      if (!absl::SimpleAtoi(w, &u.oparg)) {
        at_ = start;
        return Error(absl::StrCat(name, " expects an oparg"));
      }
    }
    if (info.kinds & PJ_K_OPERAND) {
      size_t start = (SkipSpace(), at_);
      std::string w = Word();
      if (w.rfind("0x", 0) != 0 || w.size() < 3 || !absl::SimpleHexAtoi(w.substr(2), &u.operand)) {
        at_ = start;
        return Error(absl::StrCat(name, " expects a hex operand 0x..."));
      }
    }
    if (absl::Status s = Pc("the uop's pc", &u.pc); !s.ok()) return s;
    if (info.kinds & PJ_K_EXIT) {
      size_t start = (SkipSpace(), at_);
      if (Word() != "->") {
        at_ = start;
        return Error(absl::StrCat(name, " expects an exit target `-> @PC`"));
      }
      if (absl::Status s = Pc("exit target", &u.exit_pc); !s.ok()) return s;
    }
    if (!AtEnd()) {
      size_t start = at_;
      if (Word() != "in") {
        at_ = start;
        return Error(absl::StrCat("unexpected text after ", name));
      }
      start = (SkipSpace(), at_);
      if (!absl::SimpleAtoi(Word(), &u.frame) || u.frame < 1 ||
          u.frame > static_cast<int32_t>(trace.inlined.size())) {
        at_ = start;
        return Error("expected an inlined call's number after `in`");
      }
      if (!AtEnd()) return Error(absl::StrCat("unexpected text after ", name));
    }
    return u;
  }

  absl::string_view text_;
  absl::string_view line_text_;
  int line_ = 0;
  size_t at_ = 0;
};

}  // namespace

const UopInfo& InfoOf(UopId op) { return kUopInfo[static_cast<int>(op)]; }

int ExitDepth(const Uop& u, int depth_before) {
  return (InfoOf(u.op).flags & PJ_F_EXIT_POP) ? depth_before - 1 : depth_before;
}

FloatOperands FloatOperandsOf(UopId op) {
  switch (op) {
#define PJ_MIXED_OPERANDS(name, float_uop, c_op, int_side, divides) \
  case UopId::name:                                                 \
    return FloatOperands{UopId::float_uop, int_side};
    PJ_UOP_MIXED_FLOAT(PJ_MIXED_OPERANDS)
#undef PJ_MIXED_OPERANDS
    default:
      return FloatOperands{op, 0};  // a float uop itself
  }
}

bool FusesWithBranch(const Trace& trace, size_t i) {
  const UopId op = trace.uops[i].op;
  if (op != UopId::COMPARE_INT && op != UopId::COMPARE_FLOAT) return false;
  if (i + 1 >= trace.uops.size()) return false;
  if (i + 1 == static_cast<size_t>(trace.loop_start)) return false;  // the loop starts between
  const UopId next = trace.uops[i + 1].op;
  return next == UopId::GUARD_TRUE_POP || next == UopId::GUARD_FALSE_POP;
}

namespace {

struct StackEffectOfUop {
  int pops;
  int pushes;
};

StackEffectOfUop UopStackEffect(UopId op, int32_t oparg) {
  switch (op) {
#define PJ_UOP_EFFECT(name, pops, pushes, kinds, flags) \
  case UopId::name:                                     \
    return {(pops), (pushes)};
    PJ_UOPS(PJ_UOP_EFFECT)
#undef PJ_UOP_EFFECT
  }
  return {0, 0};
}

}  // namespace

std::vector<InlinedCall> InlinedCallChain(const Trace& trace, int32_t frame) {
  std::vector<InlinedCall> chain;
  for (int32_t k = frame; k != 0; k = trace.inlined[k - 1].caller) {
    chain.insert(chain.begin(), trace.inlined[k - 1]);
  }
  for (size_t i = 0; i < chain.size(); ++i) chain[i].caller = static_cast<int32_t>(i);
  return chain;
}

int MaxStackDepth(const Trace& trace) {
  int depth = trace.entry_depth, deepest = depth;
  for (const Uop& u : trace.uops) {
    depth += UopPushes(u.op, u.oparg) - UopPops(u.op, u.oparg);
    deepest = std::max(deepest, depth);
  }
  return deepest;
}

int UopPops(UopId op, int32_t oparg) { return UopStackEffect(op, oparg).pops; }
int UopPushes(UopId op, int32_t oparg) { return UopStackEffect(op, oparg).pushes; }

std::string PrintTrace(const Trace& trace) {
  std::string out = absl::StrCat("trace ", trace.function, " head=@", trace.loop_head,
                                 " depth=", trace.entry_depth);
  if (trace.entry_frame != 0) absl::StrAppend(&out, " frame=", trace.entry_frame);
  out += "\n";
  for (size_t k = 0; k < trace.inlined.size(); ++k) {
    const InlinedCall& c = trace.inlined[k];
    absl::StrAppend(&out, "inline ", c.function, " caller=", c.caller, " call=@", c.call_pc,
                    " base=", c.base, " nlocals=", c.nlocals, "  # in ", k + 1, "\n");
  }
  for (size_t i = 0; i < trace.uops.size(); ++i) {
    const Uop& u = trace.uops[i];
    if (trace.loop_start != 0 && i == static_cast<size_t>(trace.loop_start)) {
      out += "loop:  # JUMP_TO_TOP comes back here; the uops above ran once\n";
    }
    const UopInfo& info = InfoOf(u.op);
    std::string line = absl::StrCat("  ", info.name);
    if (info.kinds & PJ_K_OPARG) absl::StrAppend(&line, " ", u.oparg);
    if (info.kinds & PJ_K_OPERAND) absl::StrAppend(&line, absl::StrFormat(" 0x%x", u.operand));
    absl::StrAppend(&line, " @", u.pc);
    if (info.kinds & PJ_K_EXIT) absl::StrAppend(&line, " -> @", u.exit_pc);
    if (u.frame != 0) absl::StrAppend(&line, " in ", u.frame);
    std::string note = Explain(u, trace);
    if (!note.empty()) {
      if (line.size() < 44) line.resize(44, ' ');
      absl::StrAppend(&line, "  # ", note);
    }
    absl::StrAppend(&out, line, "\n");
  }
  out += "end\n";
  return out;
}

absl::StatusOr<Trace> ParseTrace(absl::string_view text) { return TraceParser(text).Parse(); }

}  // namespace pyjit
