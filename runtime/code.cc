#include "runtime/code.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/format.h"
#include "runtime/ops.h"

namespace pyjit {

// Tier1Op numbers the bytecode's instructions as Op does, first.
const char* OpName(Op op) { return Tier1OpName(static_cast<Tier1Op>(op)); }

bool OpHasJumpTarget(Op op) {
  switch (op) {
#define PJ_OP_JUMPS(name, jumps) \
  case Op::name:                 \
    return jumps;
    PJ_OPCODES(PJ_OP_JUMPS)
#undef PJ_OP_JUMPS
  }
  return false;
}

const char* Tier1OpName(Tier1Op op) {
  switch (op) {
#define PJ_TIER1_NAME(name, unused) \
  case Tier1Op::name:               \
    return #name;
    PJ_OPCODES(PJ_TIER1_NAME)
    PJ_SPECIALIZED_OPCODES(PJ_TIER1_NAME)
#undef PJ_TIER1_NAME
  }
  return "?";
}

Op GenericOf(Tier1Op op) {
  switch (op) {
#define PJ_TIER1_GENERIC(name, jumps) \
  case Tier1Op::name:                 \
    return Op::name;
    PJ_OPCODES(PJ_TIER1_GENERIC)
#undef PJ_TIER1_GENERIC
#define PJ_TIER1_SPECIALIZED(name, generic) \
  case Tier1Op::name:                       \
    return Op::generic;
    PJ_SPECIALIZED_OPCODES(PJ_TIER1_SPECIALIZED)
#undef PJ_TIER1_SPECIALIZED
  }
  return Op::NOP;
}

const char* BinaryOpSymbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kTrueDiv: return "/";
    case BinaryOp::kFloorDiv: return "//";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kPow: return "**";
    case BinaryOp::kLShift: return "<<";
    case BinaryOp::kRShift: return ">>";
    case BinaryOp::kAnd: return "&";
    case BinaryOp::kOr: return "|";
    case BinaryOp::kXor: return "^";
  }
  return "?";
}

const char* CompareOpSymbol(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kEq: return "==";
    case CompareOp::kNe: return "!=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
    case CompareOp::kIs: return "is";
    case CompareOp::kIsNot: return "is not";
    case CompareOp::kIn: return "in";
    case CompareOp::kNotIn: return "not in";
  }
  return "?";
}

int StackEffect(const Instr& instr, bool jump) {
  switch (instr.op) {
    case Op::NOP: return 0;
    case Op::LOAD_CONST:
    case Op::LOAD_FAST:
    case Op::LOAD_GLOBAL:
    case Op::LOAD_DEREF:
    case Op::LOAD_CLOSURE:
    case Op::COPY:
    case Op::IMPORT_NAME:
    case Op::PUSH_EXC_INFO:
      return 1;
    case Op::STORE_FAST:
    case Op::STORE_GLOBAL:
    case Op::STORE_DEREF:
    case Op::LIST_APPEND:
    case Op::LIST_EXTEND:
    case Op::SET_ADD:
    case Op::POP_TOP:
    case Op::BINARY_OP:
    case Op::COMPARE_OP:
    case Op::BINARY_SUBSCR:
    case Op::RETURN_VALUE:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_EXCEPT:
    case Op::RERAISE:
      return -1;
    case Op::SWAP:
    case Op::UNARY_OP:
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::GET_ITER:
    case Op::LOAD_ATTR:
    case Op::CHECK_EXC_MATCH:
    case Op::DELETE_FAST:
    case Op::DELETE_GLOBAL:
    case Op::DELETE_DEREF:
    case Op::YIELD_VALUE:  // pops the value, pushes None when it resumes
      return 0;
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
      return jump ? 0 : -1;
    case Op::FOR_ITER:
      return jump ? -1 : 1;
    case Op::BUILD_LIST:
    case Op::BUILD_TUPLE:
    case Op::BUILD_STRING:
    case Op::BUILD_SET:
      return 1 - instr.arg;
    case Op::BUILD_MAP:
      return 1 - 2 * instr.arg;
    case Op::MAP_ADD:
    case Op::DELETE_SUBSCR:
      return -2;
    case Op::FORMAT_VALUE:
      return (instr.arg & PJ_FORMAT_HAS_SPEC) != 0 ? -1 : 0;
    case Op::UNPACK_SEQUENCE:
      return instr.arg - 1;
    case Op::STORE_SUBSCR:
    case Op::BINARY_SLICE:
      return -3;
    case Op::CALL:
    case Op::CALL_KW:
    case Op::CALL_METHOD:
    case Op::ASSERT_FAIL:
    case Op::RAISE_VARARGS:
      return -instr.arg;
    case Op::CALL_FUNCTION_EX:
      return -1 - instr.arg;
    case Op::MAKE_FUNCTION:
      return 1 - __builtin_popcount(instr.arg2 & (kFunctionDefaults | kFunctionKwDefaults |
                                                  kFunctionClosure));
  }
  return 0;
}

namespace {
// Whether tier 1 never goes on to the next instruction after `op`.
bool EndsFlow(Op op) {
  switch (op) {
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::RETURN_VALUE:
    case Op::ASSERT_FAIL:
    case Op::RERAISE:
    case Op::RAISE_VARARGS:
      return true;
    default:
      return false;
  }
}
}  // namespace

std::vector<int> StackDepths(const CodeObject& code, int* max_depth) {
  const int n = static_cast<int>(code.code.size());
  std::vector<int> depth(n, -1);
  int deepest = 0;
  std::vector<int> work;
  auto reach = [&](int pc, int d) {
    deepest = std::max(deepest, d);
    if (pc < 0 || pc >= n || depth[pc] >= 0) return;
    depth[pc] = d;
    work.push_back(pc);
  };
  reach(0, 0);
  while (!work.empty()) {
    int pc = work.back();
    work.pop_back();
    const Instr& in = code.code[pc];
    int d = depth[pc];
    // A trace tests a copy of the value `and`/`or` keep (ir/projector.cc).
    if (in.op == Op::JUMP_IF_FALSE_OR_POP || in.op == Op::JUMP_IF_TRUE_OR_POP) {
      deepest = std::max(deepest, d + 1);
    }
    if (OpHasJumpTarget(in.op)) reach(in.arg, d + StackEffect(in, /*jump=*/true));
    if (!EndsFlow(in.op)) reach(pc + 1, d + StackEffect(in, /*jump=*/false));
    if (static_cast<size_t>(pc) < code.handler_at.size() && code.handler_at[pc] >= 0) {
      const ExceptionHandler& h = code.handlers[code.handler_at[pc]];
      reach(h.target, h.depth + 1);
    }
  }
  if (max_depth != nullptr) *max_depth = deepest;
  return depth;
}

std::string Disassemble(const CodeObject& code, Listing listing) {
  std::string out = absl::StrCat("code ", code.name, " (", code.nlocals(), " locals, ",
                                 code.max_stack, " stack)\n");
  const bool quickened = listing == Listing::kAsQuickened && code.tier1_code.size() == code.code.size();
  for (size_t pc = 0; pc < code.code.size(); ++pc) {
    const Instr& in = code.code[pc];
    const char* name = quickened ? Tier1OpName(code.tier1_code[pc].op) : OpName(in.op);
    absl::StrAppendFormat(&out, "%4d %4d  %-24s %d", pc, code.positions[pc].line, name, in.arg);
    if (in.op == Op::LOAD_CONST) absl::StrAppend(&out, "  (", Repr(code.constants[in.arg]), ")");
    if (in.op == Op::CALL_METHOD || in.op == Op::CALL_KW || in.op == Op::MAKE_FUNCTION) {
      absl::StrAppend(&out, " ", in.arg2);
    }
    out += '\n';
  }
  // The handlers as CPython's dis lists its exception table: ranges of
  // instructions that share one.
  if (!code.handlers.empty()) out += "handlers:\n";
  for (size_t pc = 0; pc < code.handler_at.size();) {
    size_t end = pc;
    while (end < code.handler_at.size() && code.handler_at[end] == code.handler_at[pc]) ++end;
    if (code.handler_at[pc] >= 0) {
      const ExceptionHandler& h = code.handlers[code.handler_at[pc]];
      absl::StrAppendFormat(&out, "  %d to %d -> %d [%d]\n", pc, end - 1, h.target, h.depth);
    }
    pc = end;
  }
  for (const auto& child : code.children) out += Disassemble(*child, listing);
  return out;
}

}  // namespace pyjit
