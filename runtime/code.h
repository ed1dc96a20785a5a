// Tier-1 bytecode: the instruction set the compiler emits and the tier-1
// interpreter runs, and the code objects that hold it with their type
// feedback and loop counters (what tier 2 projects traces from).
#ifndef PYJIT_RUNTIME_CODE_H_
#define PYJIT_RUNTIME_CODE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/order_compares.h"
#include "runtime/value.h"

namespace pyjit {

class EntryExecutor;  // runtime/tier2.h
struct DirectTrace;    // runtime/tier2.h

// X(name, has_jump_target). Jump targets are absolute instruction indexes.
#define PJ_OPCODES(X)                                                        \
  X(NOP, false)                                                              \
  X(LOAD_CONST, false)      /* arg: constant index */                        \
  X(LOAD_FAST, false)       /* arg: local slot */                            \
  X(STORE_FAST, false)                                                       \
  X(LOAD_GLOBAL, false)     /* arg: global slot */                           \
  X(STORE_GLOBAL, false)                                                     \
  X(POP_TOP, false)                                                          \
  X(COPY, false)            /* arg: push a copy of the arg-th item (1=top) */\
  X(SWAP, false)            /* arg: swap top with the arg-th item */         \
  X(BINARY_OP, false)       /* arg: BinaryOp */                              \
  X(UNARY_OP, false)        /* arg: UnaryOp */                               \
  X(COMPARE_OP, false)      /* arg: CompareOp */                             \
  X(JUMP_FORWARD, true)                                                      \
  X(JUMP_BACKWARD, true)    /* a loop's back edge: counted for tier 2 */     \
  X(POP_JUMP_IF_FALSE, true)                                                 \
  X(POP_JUMP_IF_TRUE, true)                                                  \
  X(JUMP_IF_FALSE_OR_POP, true)                                              \
  X(JUMP_IF_TRUE_OR_POP, true)                                               \
  X(GET_ITER, false)                                                         \
  X(FOR_ITER, true)         /* target: after the loop, iterator popped */    \
  X(BUILD_LIST, false)      /* arg: item count */                            \
  X(BUILD_TUPLE, false)                                                      \
  X(BUILD_STRING, false)    /* arg: str count; pushes them joined */         \
  X(BUILD_MAP, false)       /* arg: key-value pairs, each key below its value */ \
  X(MAP_ADD, false)         /* pops key, value; adds them to the dict at depth arg */ \
  X(BUILD_SET, false)       /* arg: item count */                            \
  X(SET_ADD, false)         /* pops an item; adds it to the set at depth arg */ \
  X(DELETE_SUBSCR, false)   /* stack: container, index */                    \
  X(FORMAT_VALUE, false)    /* arg: PjFormatFlags; pops [value, spec] */     \
  X(LIST_APPEND, false)     /* pops v; appends it to the list at depth arg */\
  X(UNPACK_SEQUENCE, false) /* arg: item count */                            \
  X(BINARY_SUBSCR, false)                                                    \
  X(BINARY_SLICE, false)    /* stack: container, start, stop, step */        \
  X(STORE_SUBSCR, false)    /* stack: value, container, index */             \
  X(LOAD_ATTR, false)       /* arg: name index */                            \
  X(CALL, false)            /* arg: positional count */                      \
  X(CALL_KW, false)         /* arg: total count; arg2: kw-names constant */  \
  X(CALL_METHOD, false)     /* arg: positional count; arg2: name index */    \
  X(MAKE_FUNCTION, false)   /* arg: child code; arg2: kFunction* flags */       \
  X(RETURN_VALUE, false)                                                     \
  X(IMPORT_NAME, false)     /* arg: name index */                            \
  X(ASSERT_FAIL, false)     /* arg: 1 if a message is on the stack */     \
  /* exceptions, as CPython 3.11 compiles try statements */                \
  X(PUSH_EXC_INFO, false)   /* [exc] -> [handled before, exc]; exc handled */\
  X(POP_EXCEPT, false)      /* pops what was handled before, handled again */\
  X(CHECK_EXC_MATCH, false) /* [exc, types] -> [exc, bool] */               \
  X(RERAISE, false)         /* raises the exception on top as it was */     \
  X(RAISE_VARARGS, false)   /* arg 0: bare raise; 1: raise the top */       \
  X(DELETE_FAST, false)     /* arg: local slot (`except E as e` ends) */    \
  X(DELETE_GLOBAL, false)   /* arg: global slot */                        \
  /* closures: a slot that holds a cell (CodeObject::cell_slots, free) */   \
  X(LOAD_DEREF, false)      /* arg: slot; pushes its cell's value */        \
  X(STORE_DEREF, false)                                                      \
  X(DELETE_DEREF, false)                                                     \
  X(LOAD_CLOSURE, false)    /* arg: slot; pushes the cell itself */         \
  /* calls with *args: callee, list of positional arguments, keywords */    \
  X(LIST_EXTEND, false)     /* pops an iterable; extends the list at depth arg */ \
  X(CALL_FUNCTION_EX, false) /* arg: keyword count; arg2: kw-names constant */ \
  X(YIELD_VALUE, false)     /* pops a value for the generator's consumer; pushes None back */

enum class Op : uint8_t {
#define PJ_OP_ENUM(name, jumps) name,
  PJ_OPCODES(PJ_OP_ENUM)
#undef PJ_OP_ENUM
};

const char* OpName(Op op);
bool OpHasJumpTarget(Op op);

enum class BinaryOp : int32_t {
  kAdd, kSub, kMul, kTrueDiv, kFloorDiv, kMod, kPow,
  kLShift, kRShift, kAnd, kOr, kXor,
};
const char* BinaryOpSymbol(BinaryOp op);

// runtime/fast_paths.h numbers them the same way for C.
static_assert(static_cast<int32_t>(BinaryOp::kAdd) == 0 && static_cast<int32_t>(BinaryOp::kSub) == 1 &&
              static_cast<int32_t>(BinaryOp::kMul) == 2 && static_cast<int32_t>(BinaryOp::kTrueDiv) == 3 &&
              static_cast<int32_t>(BinaryOp::kFloorDiv) == 4 && static_cast<int32_t>(BinaryOp::kMod) == 5 &&
              static_cast<int32_t>(BinaryOp::kLShift) == 7 && static_cast<int32_t>(BinaryOp::kRShift) == 8 &&
              static_cast<int32_t>(BinaryOp::kAnd) == 9 && static_cast<int32_t>(BinaryOp::kOr) == 10 &&
              static_cast<int32_t>(BinaryOp::kXor) == 11,
              "PJ_FAST_* in runtime/fast_paths.h");

// What MAKE_FUNCTION finds below it (arg2), each a tuple, in this order
// from the bottom: positional defaults, keyword-only defaults (name,
// value, ...), the closure's cells.
constexpr int32_t kFunctionDefaults = 1;
constexpr int32_t kFunctionKwDefaults = 2;
constexpr int32_t kFunctionClosure = 4;

// Set in a BINARY_OP's arg for augmented assignment (`a += b`), which
// updates a list in place where the plain operator would make a new one.
constexpr int32_t kInplaceFlag = 0x100;

enum class UnaryOp : int32_t { kNegative, kPositive, kNot, kInvert };

// The ordering comparisons first, numbered as in order_compares.h.
enum class CompareOp : int32_t {
#define PJ_COMPARE_OP_ENUM(name, op, icc, swap, fcc, mir) k##name,
  PJ_ORDER_COMPARES(PJ_COMPARE_OP_ENUM)
#undef PJ_COMPARE_OP_ENUM
  kIs, kIsNot, kIn, kNotIn,
};
// Whether `op` is one of the six that order_compares.h numbers.
inline bool IsOrderCompare(CompareOp op) {
  return static_cast<int32_t>(op) >= 0 && static_cast<int32_t>(op) < PJ_ORDER_COUNT;
}
const char* CompareOpSymbol(CompareOp op);

struct Instr {
  Op op;
  int32_t arg = 0;
  int32_t arg2 = 0;
};

// How an instruction changes the stack depth, on its fall-through path or
// (for instructions with a jump target) when it jumps.
int StackEffect(const Instr& instr, bool jump);

// Tier 1 runs a copy of the bytecode whose instructions rewrite themselves
// as they run (quickening with inline caches, as CPython 3.11's PEP 659):
// after a few executions, an instruction that saw the operands one of its
// specialized forms handles becomes that form, which checks its operands
// and skips the generic path, the feedback and (for calls, methods and
// module attributes) the lookup it resolved once. A form whose check fails
// turns back into the generic instruction, which tries again after a
// backoff that doubles each time. X(name, generic instruction).
#define PJ_SPECIALIZED_OPCODES(X)              \
  X(BINARY_OP_ADD_INT, BINARY_OP)              \
  X(BINARY_OP_SUB_INT, BINARY_OP)              \
  X(BINARY_OP_MUL_INT, BINARY_OP)              \
  X(BINARY_OP_ADD_FLOAT, BINARY_OP)            \
  X(BINARY_OP_SUB_FLOAT, BINARY_OP)            \
  X(BINARY_OP_MUL_FLOAT, BINARY_OP)            \
  X(BINARY_OP_TRUEDIV_FLOAT, BINARY_OP)        \
  X(COMPARE_OP_INT, COMPARE_OP)                \
  X(COMPARE_OP_FLOAT, COMPARE_OP)              \
  X(BINARY_SUBSCR_LIST_INT, BINARY_SUBSCR)     \
  X(BINARY_SUBSCR_TUPLE_INT, BINARY_SUBSCR)    \
  X(STORE_SUBSCR_LIST_INT, STORE_SUBSCR)       \
  X(FOR_ITER_RANGE, FOR_ITER)                  \
  X(FOR_ITER_LIST, FOR_ITER)                   \
  X(CALL_PY_EXACT_ARGS, CALL)  /* cache: the function's code */          \
  X(CALL_BUILTIN, CALL)        /* cache: the builtin */                  \
  X(CALL_LEN, CALL)                                                      \
  X(CALL_METHOD_TYPE, CALL_METHOD)   /* cache: the receiver's tag, its method */ \
  X(CALL_METHOD_MODULE, CALL_METHOD) /* cache: the module, its builtin */\
  X(LOAD_ATTR_MODULE, LOAD_ATTR)     /* cache: the module, the value */

// Every instruction tier 1 runs: the bytecode's, then the specialized forms.
enum class Tier1Op : uint8_t {
#define PJ_TIER1_GENERIC(name, jumps) name,
  PJ_OPCODES(PJ_TIER1_GENERIC)
#undef PJ_TIER1_GENERIC
#define PJ_TIER1_SPECIALIZED(name, generic) name,
  PJ_SPECIALIZED_OPCODES(PJ_TIER1_SPECIALIZED)
#undef PJ_TIER1_SPECIALIZED
};
const char* Tier1OpName(Tier1Op op);
// The bytecode instruction a specialized form stands for (itself if generic).
Op GenericOf(Tier1Op op);

struct Tier1Instr {
  Tier1Op op;
  uint8_t backoff;     // log2 of the generic instruction's next wait after a miss
  uint16_t countdown;  // its executions until it asks for a form (0: never asks)
  int32_t arg;
  int32_t arg2;
};

// What a specialized instruction resolved once (see PJ_SPECIALIZED_OPCODES).
// Only permanent objects are cached, so the collector need not see them.
struct Tier1Cache {
  const void* key = nullptr;
  const void* target = nullptr;
};

// Where an exception raised at an instruction goes: the handler's first
// instruction, run with the frame's stack cut to `depth` values and the
// exception pushed on it (CPython 3.11's exception table). Instructions
// outside every `try` have none: the exception leaves the frame.
struct ExceptionHandler {
  int32_t target;
  int32_t depth;
};

struct SourcePos {
  int32_t line = 0;
  int32_t col = 0;
};

// Operand kinds seen by one instruction, as bit sets over TypeBit. Tier 2
// reads them to choose guards and specialized uops.
enum TypeBit : uint16_t {
  kSeenInt = 1 << 0,
  kSeenFloat = 1 << 1,
  kSeenBool = 1 << 2,
  kSeenStr = 1 << 3,
  kSeenList = 1 << 4,
  kSeenTuple = 1 << 5,
  kSeenNone = 1 << 6,
  kSeenOther = 1 << 7,
  kSeenDict = 1 << 8,
};
static_assert(PJ_TAG_DICT == 19, "TypeBitOf's table puts kSeenDict at 19");
// Inline and branch-free: tier 1 calls it on every operand it records.
inline uint16_t TypeBitOf(PjValue v) {
  static constexpr uint16_t kBits[PJ_TAG_COUNT] = {
      kSeenOther, kSeenNone, kSeenBool, kSeenInt,   kSeenFloat, kSeenOther, kSeenOther,
      kSeenOther, kSeenStr,  kSeenList, kSeenTuple, 0,          0,          0,
      0,          0,         0,         0,          0,          kSeenDict};  // the rest: kSeenOther
  return v.tag < PJ_TAG_COUNT && kBits[v.tag] != 0 ? kBits[v.tag] : kSeenOther;
}

// What a conditional jump's condition has been: `right` of its feedback.
enum BranchBit : uint8_t {
  kSeenTrue = 1 << 0,
  kSeenFalse = 1 << 1,
};

struct TypeFeedback {
  uint16_t left = 0;  // the only operand of a unary instruction
  uint16_t right = 0;  // for conditional jumps: BranchBits
  // For conditional jumps: the last 16 conditions, newest in bit 0 (1: true),
  // as CPython keeps them, so that tier 2 follows the likelier way.
  uint16_t history = 0;
  uint8_t history_length = 0;  // valid bits of `history`, at most 16
  uint8_t callee_tag = 0;  // PJ_TAG_FUNCTION or PJ_TAG_BUILTIN, with `callee`
  // For calls: what was called, while it was always the same: a Python
  // function's CodeObject (functions made by one `def` share it) or a
  // builtin's object; kManyCallees once it varied. Tier 2 inlines by it.
  const void* callee = nullptr;
};
// TypeFeedback::callee of a call that has called more than one thing.
inline const void* const kManyCallees = reinterpret_cast<const void*>(uintptr_t{1});

class CodeObject {
 public:
  std::string name;      // function name, or "<module>"
  // As CPython's __qualname__: "outer.<locals>.inner" for a nested one.
  std::string qualname;
  std::string filename;  // as given on the command line
  std::vector<Instr> code;
  std::vector<SourcePos> positions;  // one per instruction
  std::vector<PjValue> constants;    // permanent objects only
  std::vector<std::string> names;    // attribute, method and module names
  std::vector<std::string> local_names;  // parameters first
  std::vector<std::unique_ptr<CodeObject>> children;  // nested functions
  std::vector<ExceptionHandler> handlers;
  // One per instruction: its handler's index in `handlers`, or -1.
  std::vector<int32_t> handler_at;
  // Parameters fill the first slots: positional ones, keyword-only ones,
  // then *args.
  int nparams = 0;  // positional
  int nkwonly = 0;
  bool has_varargs = false;
  // Slots that hold cells (locals an inner function uses; a call wraps
  // their values), and the free variables' slots, filled from the
  // function's closure at a call.
  std::vector<int32_t> cell_slots;
  int free_start = 0;
  int nfree = 0;
  // A call makes a generator (runtime/function.h) instead of running it.
  bool is_generator = false;
  int max_stack = 0;

  // How many arguments a call binds by copying them into the first slots,
  // with nothing else to do (the fast paths of calls, of quickening and of
  // tier 2's inlining); -1 when every call must bind them in full.
  int PlainArgCount() const {
    return nkwonly == 0 && !has_varargs && cell_slots.empty() && nfree == 0 && !is_generator
               ? nparams
               : -1;
  }

  // Executions of a generic instruction before tier 1 first specializes it.
  static constexpr uint16_t kQuickenAfter = 2;

  int nlocals() const { return static_cast<int>(local_names.size()); }
  int nslots() const { return nlocals() + max_stack; }

  // Filled by the tier-1 interpreter as it runs.
  // One per instruction. Tier 2 corrects a branch's history that tier 1
  // stopped seeing once compiled code ran it, so written through const.
  mutable std::vector<TypeFeedback> feedback;
  std::vector<uint32_t> backedge_counts;  // one per instruction

  // Tier 2's compiled loops, by loop-head instruction (null: none yet), and
  // the back-edge count at which tier 2 is asked (again) about a loop head
  // it has not compiled: 0 at its hot threshold, UINT32_MAX never.
  std::vector<EntryExecutor*> loop_executors;
  std::vector<uint32_t> tier2_ask_at;
  // The same for the function's entry: calls so far, its compiled code
  // (null: none yet), and the call count at which tier 2 is asked (again).
  uint32_t call_count = 0;
  EntryExecutor* entry_executor = nullptr;
  uint32_t tier2_entry_ask_at = 0;
  // Set by tier 2 when compiled callers may run the function's compiled
  // code directly (tier2.h); calls that so ran to the return.
  const DirectTrace* direct_trace = nullptr;
  uint64_t direct_returns = 0;
  // Calls (by pc) that tier 2 no longer inlines: traces left inside the
  // callee too often. Tier 2's note on the code, so written through const.
  mutable std::vector<uint8_t> inline_refused;

  // The instructions tier 1 runs, quickened as it runs them (above), and
  // their inline caches.
  std::vector<Tier1Instr> tier1_code;
  std::vector<Tier1Cache> tier1_caches;

  // `quicken`: whether tier 1 may specialize this code's instructions.
  void PrepareCounters(bool quicken = true) {
    if (handler_at.size() != code.size()) handler_at.assign(code.size(), -1);
    tier1_code.clear();
    for (const Instr& in : code) {
      tier1_code.push_back(Tier1Instr{static_cast<Tier1Op>(in.op), 0,
                                      static_cast<uint16_t>(quicken ? kQuickenAfter : 0), in.arg,
                                      in.arg2});
    }
    tier1_caches.assign(code.size(), Tier1Cache{});
    feedback.assign(code.size(), TypeFeedback{});
    backedge_counts.assign(code.size(), 0);
    loop_executors.assign(code.size(), nullptr);
    tier2_ask_at.assign(code.size(), 0);
    call_count = 0;
    entry_executor = nullptr;
    tier2_entry_ask_at = 0;
    direct_trace = nullptr;
    direct_returns = 0;
    inline_refused.assign(code.size(), 0);
  }
};

// A whole program: the module's code and its global slots by name. Global
// slots are numbered at compile time; a name no code assigns to falls back to
// the builtin of that name.
struct Program {
  std::string filename;
  std::string source_text;  // for the source lines of tracebacks
  std::unique_ptr<CodeObject> module_code;
  std::vector<std::string> global_names;
};

// The stack depth before each instruction as tier 1 runs it (-1 where
// nothing reaches), following jumps and exception handlers; the largest
// depth any instruction reaches in `*max_depth` when it is not null.
std::vector<int> StackDepths(const CodeObject& code, int* max_depth = nullptr);

// A human-readable listing, for tests and debugging: the bytecode as
// compiled, or as tier 1 has quickened it so far (`pyjit disasm --after-run`).
enum class Listing { kAsCompiled, kAsQuickened };
std::string Disassemble(const CodeObject& code, Listing listing = Listing::kAsCompiled);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_CODE_H_
