#include "frontend/compiler.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "frontend/parser.h"
#include "frontend/status_macros.h"
#include "frontend/subset_check.h"
#include "frontend/symtable.h"
#include "runtime/bigint.h"
#include "runtime/heap.h"

namespace pyjit {
namespace {

class CodeCompiler;

// State shared by all code objects of one program.
struct ProgramState {
  const SourceFile* source;
  Program* program;
  const SymbolTable* symbols;
  absl::flat_hash_map<std::string, int> global_slots;

  int GlobalSlot(const std::string& name) {
    auto [it, inserted] = global_slots.try_emplace(name, program->global_names.size());
    if (inserted) program->global_names.push_back(name);
    return it->second;
  }
};

// A statement that the code being compiled is inside, for what `break`,
// `continue` and `return` must undo on their way out of it (CPython's
// compiler calls them fblocks).
struct Block {
  enum class Kind {
    kWhile,
    kFor,             // its iterator is on the stack
    kTryExcept,       // a try body whose handlers catch: they stop covering
    kTryFinally,      // a try body with a finally: the final body runs
    kHandler,         // an except body: the exception stops being handled
    kFinallyOnError,  // a final body run for an exception: it is dropped
  };
  Kind kind;
  // The handlers (CodeCompiler::active_handlers_) that covered the code
  // outside this block: leaving it leaves the ones it added.
  size_t handlers_outside;
  int head = 0;                  // loops: where `continue` jumps
  std::vector<int> break_jumps;  // loops
  const Stmt* stmt = nullptr;    // kTryFinally: the try statement
  std::string name;              // kHandler: the `as` name, or ""
  bool is_loop() const { return kind == Kind::kWhile || kind == Kind::kFor; }
};

class CodeCompiler {
 public:
  CodeCompiler(ProgramState& state, CodeObject& code, const FunctionScope& scope)
      : state_(state), code_(code), scope_(scope) {}

  absl::Status CompileBody(const std::vector<StmtPtr>& body) {
    for (const StmtPtr& stmt : body) PJ_RETURN_IF_ERROR(CompileStmt(*stmt));
    Pos end = body.empty() ? Pos{} : body.back()->pos;
    Emit(Op::LOAD_CONST, Constant(pj_none()), end);
    Emit(Op::RETURN_VALUE, 0, end);
    code_.max_stack = ComputeMaxStack();
    code_.PrepareCounters();
    return absl::OkStatus();
  }

 private:
  absl::Status Error(Pos pos, absl::string_view message) const {
    return SourceError(*state_.source, pos, message);
  }

  // CPython's compiler keeps at most 20 blocks (CO_MAXBLOCKS: loops and
  // try statements) open in one function and refuses the 21st.
  absl::Status CheckBlockNesting(const Stmt& s) const {
    if (blocks_.size() >= 20) return Error(s.pos, "too many statically nested blocks");
    return absl::OkStatus();
  }

  int Emit(Op op, int32_t arg, Pos pos, int32_t arg2 = 0) {
    code_.code.push_back(Instr{op, arg, arg2});
    code_.positions.push_back(SourcePos{pos.line, pos.col});
    code_.handler_at.push_back(active_handlers_.empty() ? -1 : active_handlers_.back());
    return static_cast<int>(code_.code.size()) - 1;
  }

  // A handler whose code starts later (SetHandlerTarget), taking exceptions
  // with the stack cut to `depth`.
  int NewHandler(int depth) {
    code_.handlers.push_back(ExceptionHandler{-1, depth});
    return static_cast<int>(code_.handlers.size()) - 1;
  }
  void SetHandlerTarget(int handler) { code_.handlers[handler].target = Here(); }

  Block& PushBlock(Block::Kind kind) {
    blocks_.push_back(Block{kind, active_handlers_.size()});
    return blocks_.back();
  }
  int Here() const { return static_cast<int>(code_.code.size()); }
  void PatchTo(int instr, int target) { code_.code[instr].arg = target; }

  int Constant(PjValue v) {
    for (size_t i = 0; i < code_.constants.size(); ++i) {
      const PjValue& c = code_.constants[i];
      if (c.tag != v.tag) continue;
      if (v.tag == PJ_TAG_STR) {
        const PjStr* a = pj_as_str(c);
        const PjStr* b = pj_as_str(v);
        if (a->nbytes == b->nbytes && std::memcmp(a->data, b->data, a->nbytes) == 0) {
          return static_cast<int>(i);
        }
      } else if (!pj_is_heap(v) && c.as.bits == v.as.bits) {
        return static_cast<int>(i);
      }
    }
    code_.constants.push_back(v);
    return static_cast<int>(code_.constants.size()) - 1;
  }

  int StrConstant(const std::string& s) {
    return Constant(pj_object(PJ_TAG_STR,
                              &TheHeap().NewStr(s, Heap::Lifetime::kPermanent)->head));
  }

  int Name(const std::string& name) {
    for (size_t i = 0; i < code_.names.size(); ++i) {
      if (code_.names[i] == name) return static_cast<int>(i);
    }
    code_.names.push_back(name);
    return static_cast<int>(code_.names.size()) - 1;
  }


  // The slot of a comprehension's loop variable, innermost comprehension
  // first, or -1: those variables do not leak into the enclosing scope.
  int ComprehensionSlot(const std::string& name) const {
    for (auto it = comprehension_scopes_.rbegin(); it != comprehension_scopes_.rend(); ++it) {
      auto found = it->find(name);
      if (found != it->end()) return found->second;
    }
    return -1;
  }

  // ---- statements ----

  absl::Status CompileStmt(const Stmt& s) {
    switch (s.kind) {
      case Stmt::Kind::kExpr:
        PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
        Emit(Op::POP_TOP, 0, s.pos);
        return absl::OkStatus();
      case Stmt::Kind::kAssign:
        if (IsNameShuffle(s)) return CompileNameShuffle(s);
        PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
        for (size_t i = 0; i < s.targets.size(); ++i) {
          if (i + 1 < s.targets.size()) Emit(Op::COPY, 1, s.pos);
          PJ_RETURN_IF_ERROR(CompileStore(*s.targets[i]));
        }
        return absl::OkStatus();
      case Stmt::Kind::kAugAssign:
        return CompileAugAssign(s);
      case Stmt::Kind::kIf: {
        std::vector<int> to_else;
        PJ_RETURN_IF_ERROR(CompileJumpIf(*s.value, false, to_else));
        PJ_RETURN_IF_ERROR(CompileBlock(s.body));
        if (s.orelse.empty()) {
          for (int j : to_else) PatchTo(j, Here());
          return absl::OkStatus();
        }
        int to_end = Emit(Op::JUMP_FORWARD, 0, s.pos);
        for (int j : to_else) PatchTo(j, Here());
        PJ_RETURN_IF_ERROR(CompileBlock(s.orelse));
        PatchTo(to_end, Here());
        return absl::OkStatus();
      }
      case Stmt::Kind::kWhile: {
        PJ_RETURN_IF_ERROR(CheckBlockNesting(s));
        int head = Here();
        std::vector<int> to_else;
        PJ_RETURN_IF_ERROR(CompileJumpIf(*s.value, false, to_else));
        PushBlock(Block::Kind::kWhile).head = head;
        PJ_RETURN_IF_ERROR(CompileBlock(s.body));
        Emit(Op::JUMP_BACKWARD, head, s.pos);
        Block loop = std::move(blocks_.back());
        blocks_.pop_back();
        for (int jump : to_else) PatchTo(jump, Here());
        PJ_RETURN_IF_ERROR(CompileBlock(s.orelse));
        for (int jump : loop.break_jumps) PatchTo(jump, Here());
        return absl::OkStatus();
      }
      case Stmt::Kind::kFor: {
        PJ_RETURN_IF_ERROR(CheckBlockNesting(s));
        PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
        Emit(Op::GET_ITER, 0, s.pos);
        int head = Emit(Op::FOR_ITER, 0, s.pos);
        PJ_RETURN_IF_ERROR(CompileStore(*s.targets[0]));
        PushBlock(Block::Kind::kFor).head = head;
        ++depth_;  // the iterator
        PJ_RETURN_IF_ERROR(CompileBlock(s.body));
        --depth_;
        Emit(Op::JUMP_BACKWARD, head, s.pos);
        Block loop = std::move(blocks_.back());
        blocks_.pop_back();
        PatchTo(head, Here());
        PJ_RETURN_IF_ERROR(CompileBlock(s.orelse));
        for (int jump : loop.break_jumps) PatchTo(jump, Here());
        return absl::OkStatus();
      }
      case Stmt::Kind::kBreak: {
        int loop = InnermostLoop();
        if (loop < 0) return Error(s.pos, "'break' outside loop");
        PJ_RETURN_IF_ERROR(UnwindBlocks(loop + 1, /*keep_top=*/false, s.pos));
        if (blocks_[loop].kind == Block::Kind::kFor) Emit(Op::POP_TOP, 0, s.pos);  // the iterator
        blocks_[loop].break_jumps.push_back(Emit(Op::JUMP_FORWARD, 0, s.pos));
        return absl::OkStatus();
      }
      case Stmt::Kind::kContinue: {
        int loop = InnermostLoop();
        if (loop < 0) return Error(s.pos, "'continue' not properly in loop");
        PJ_RETURN_IF_ERROR(UnwindBlocks(loop + 1, /*keep_top=*/false, s.pos));
        Emit(Op::JUMP_BACKWARD, blocks_[loop].head, s.pos);
        return absl::OkStatus();
      }
      case Stmt::Kind::kPass:
        return absl::OkStatus();
      case Stmt::Kind::kReturn:
        if (scope_.is_module) return Error(s.pos, "'return' outside function");
        if (s.value) {
          PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
        } else {
          Emit(Op::LOAD_CONST, Constant(pj_none()), s.pos);
        }
        PJ_RETURN_IF_ERROR(UnwindBlocks(0, /*keep_top=*/true, s.pos));
        Emit(Op::RETURN_VALUE, 0, s.pos);
        return absl::OkStatus();
      case Stmt::Kind::kDef:
        return CompileDef(s);
      case Stmt::Kind::kGlobal:
      case Stmt::Kind::kNonlocal:
        return absl::OkStatus();  // resolved by the symbol table
      case Stmt::Kind::kAssert: {
        std::vector<int> to_end;
        PJ_RETURN_IF_ERROR(CompileJumpIf(*s.value, true, to_end));
        if (s.message) PJ_RETURN_IF_ERROR(CompileExpr(*s.message));
        Emit(Op::ASSERT_FAIL, s.message ? 1 : 0, s.pos);
        for (int j : to_end) PatchTo(j, Here());
        return absl::OkStatus();
      }
      case Stmt::Kind::kImport:
        Emit(Op::IMPORT_NAME, Name(s.name), s.pos);
        StoreName(s.name, s.pos);
        return absl::OkStatus();
      case Stmt::Kind::kDel:
        for (const ExprPtr& target : s.targets) {
          PJ_RETURN_IF_ERROR(CompileExpr(*target->items[0]));
          PJ_RETURN_IF_ERROR(CompileExpr(*target->items[1]));
          Emit(Op::DELETE_SUBSCR, 0, target->pos);
        }
        return absl::OkStatus();
      case Stmt::Kind::kTry:
        PJ_RETURN_IF_ERROR(CheckBlockNesting(s));
        return s.finalbody.empty() ? CompileTryExcept(s) : CompileTryFinally(s);
      case Stmt::Kind::kRaise:
        if (s.value) PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
        Emit(Op::RAISE_VARARGS, s.value ? 1 : 0, s.pos);
        return absl::OkStatus();
    }
    return Error(s.pos, "unsupported statement");
  }

  absl::Status CompileBlock(const std::vector<StmtPtr>& body) {
    for (const StmtPtr& stmt : body) PJ_RETURN_IF_ERROR(CompileStmt(*stmt));
    return absl::OkStatus();
  }

  // ---- try statements, as CPython 3.11 compiles them ----
  //
  // The try body is plain code that a handler covers (code.h's
  // ExceptionHandler): an exception raised in it jumps to the handler with
  // the stack as it was at the `try` (depth_) and the exception pushed.
  // The handler's code runs between PUSH_EXC_INFO and POP_EXCEPT, which
  // save and restore the exception handled before; a cleanup handler
  // covers it, so that an exception leaving it restores that too.

  int InnermostLoop() const {
    for (int i = static_cast<int>(blocks_.size()) - 1; i >= 0; --i) {
      if (blocks_[i].is_loop()) return i;
    }
    return -1;
  }

  // What leaving every block from blocks_[first] inwards takes, innermost
  // first, for a break, continue or return (`keep_top`: its value stays on
  // top of the stack): final bodies run, handled exceptions are restored.
  // The code is compiled where the blocks are left, under the handlers
  // outside each one; afterwards compiling goes on inside them all.
  absl::Status UnwindBlocks(size_t first, bool keep_top, Pos pos) {
    const std::vector<int> handlers = active_handlers_;
    const int depth = depth_;
    std::vector<Block> left;
    depth_ += keep_top ? 1 : 0;
    absl::Status status = absl::OkStatus();
    while (blocks_.size() > first && status.ok()) {
      left.push_back(std::move(blocks_.back()));
      blocks_.pop_back();
      const Block& b = left.back();
      active_handlers_.resize(b.handlers_outside);
      switch (b.kind) {
        case Block::Kind::kWhile:
        case Block::Kind::kTryExcept:
          break;
        case Block::Kind::kFor:
          // Only a return leaves a loop here: its iterator goes, from under
          // the value, so that what the blocks outside pop is theirs.
          Emit(Op::SWAP, 2, pos);
          Emit(Op::POP_TOP, 0, pos);
          --depth_;
          break;
        case Block::Kind::kTryFinally:
          status = CompileBlock(b.stmt->finalbody);
          break;
        case Block::Kind::kHandler:
          if (keep_top) Emit(Op::SWAP, 2, pos);
          Emit(Op::POP_EXCEPT, 0, pos);
          --depth_;
          if (!b.name.empty()) UnbindName(b.name, pos);
          break;
        case Block::Kind::kFinallyOnError:
          if (keep_top) Emit(Op::SWAP, 2, pos);
          Emit(Op::POP_TOP, 0, pos);  // the exception
          if (keep_top) Emit(Op::SWAP, 2, pos);
          Emit(Op::POP_EXCEPT, 0, pos);
          depth_ -= 2;
          break;
      }
    }
    while (!left.empty()) {
      blocks_.push_back(std::move(left.back()));
      left.pop_back();
    }
    active_handlers_ = handlers;
    depth_ = depth;
    return status;
  }

  // `e = None; del e`: what ends an `except ... as e` body, however it ends.
  void UnbindName(const std::string& name, Pos pos) {
    Emit(Op::LOAD_CONST, Constant(pj_none()), pos);
    StoreName(name, pos);
    EmitName(name, pos, Op::DELETE_FAST, Op::DELETE_DEREF, Op::DELETE_GLOBAL);
  }

  // The cleanup handler's code: [handled before, new exception] on the
  // stack; restores the first and raises the second on.
  void EmitCleanup(int cleanup, Pos pos) {
    SetHandlerTarget(cleanup);
    Emit(Op::SWAP, 2, pos);
    Emit(Op::POP_EXCEPT, 0, pos);
    Emit(Op::RERAISE, 0, pos);
  }

  absl::Status CompileTryExcept(const Stmt& s) {
    const int handler = NewHandler(depth_);
    PushBlock(Block::Kind::kTryExcept);
    active_handlers_.push_back(handler);
    PJ_RETURN_IF_ERROR(CompileBlock(s.body));
    active_handlers_.pop_back();
    blocks_.pop_back();
    PJ_RETURN_IF_ERROR(CompileBlock(s.orelse));
    std::vector<int> to_end = {Emit(Op::JUMP_FORWARD, 0, s.pos)};

    SetHandlerTarget(handler);
    const size_t outside = active_handlers_.size();
    const int cleanup = NewHandler(depth_ + 1);
    active_handlers_.push_back(cleanup);
    Emit(Op::PUSH_EXC_INFO, 0, s.handlers[0].pos);  // [handled before, exception]
    bool last_matches_all = false;
    for (const ExceptHandler& h : s.handlers) {
      int no_match = -1;
      if (h.type) {
        PJ_RETURN_IF_ERROR(CompileExpr(*h.type));
        Emit(Op::CHECK_EXC_MATCH, 0, h.pos);
        no_match = Emit(Op::POP_JUMP_IF_FALSE, 0, h.pos);
      }
      last_matches_all = !h.type;
      int unbind = -1;
      if (h.name.empty()) {
        Emit(Op::POP_TOP, 0, h.pos);
      } else {
        StoreName(h.name, h.pos);
        unbind = NewHandler(depth_ + 1);
        active_handlers_.push_back(unbind);
      }
      Block& body = PushBlock(Block::Kind::kHandler);
      body.handlers_outside = outside;
      body.name = h.name;
      ++depth_;  // the exception handled before
      PJ_RETURN_IF_ERROR(CompileBlock(h.body));
      --depth_;
      blocks_.pop_back();
      Pos end = h.body.empty() ? h.pos : h.body.back()->pos;
      if (unbind >= 0) active_handlers_.pop_back();
      Emit(Op::POP_EXCEPT, 0, end);
      if (unbind >= 0) UnbindName(h.name, end);
      to_end.push_back(Emit(Op::JUMP_FORWARD, 0, end));
      if (unbind >= 0) {
        // An exception leaving the body unbinds the name too.
        SetHandlerTarget(unbind);
        UnbindName(h.name, end);
        Emit(Op::RERAISE, 0, end);
      }
      if (no_match >= 0) PatchTo(no_match, Here());
    }
    if (!last_matches_all) Emit(Op::RERAISE, 0, s.handlers.back().pos);  // none matched
    active_handlers_.pop_back();
    EmitCleanup(cleanup, s.handlers.back().pos);
    for (int j : to_end) PatchTo(j, Here());
    return absl::OkStatus();
  }

  // try/except/finally is try/finally around try/except, as in CPython.
  absl::Status CompileTryFinally(const Stmt& s) {
    const int handler = NewHandler(depth_);
    PushBlock(Block::Kind::kTryFinally).stmt = &s;
    active_handlers_.push_back(handler);
    PJ_RETURN_IF_ERROR(s.handlers.empty() ? CompileBlock(s.body) : CompileTryExcept(s));
    active_handlers_.pop_back();
    blocks_.pop_back();
    PJ_RETURN_IF_ERROR(CompileBlock(s.finalbody));
    const Pos pos = s.finalbody.front()->pos;
    const int to_end = Emit(Op::JUMP_FORWARD, 0, pos);

    SetHandlerTarget(handler);
    const size_t outside = active_handlers_.size();
    const int cleanup = NewHandler(depth_ + 1);
    active_handlers_.push_back(cleanup);
    Emit(Op::PUSH_EXC_INFO, 0, pos);  // [handled before, exception]
    PushBlock(Block::Kind::kFinallyOnError).handlers_outside = outside;
    depth_ += 2;
    PJ_RETURN_IF_ERROR(CompileBlock(s.finalbody));
    depth_ -= 2;
    blocks_.pop_back();
    Emit(Op::RERAISE, 0, pos);
    active_handlers_.pop_back();
    EmitCleanup(cleanup, pos);
    PatchTo(to_end, Here());
    return absl::OkStatus();
  }

  absl::Status CompileAugAssign(const Stmt& s) {
    const Expr& target = *s.targets[0];
    // Augmented operators update lists in place (a += b extends a).
    int32_t op = static_cast<int32_t>(s.binary_op) | kInplaceFlag;
    if (target.kind == Expr::Kind::kName) {
      LoadName(target.name, target.pos);
      PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
      Emit(Op::BINARY_OP, op, s.pos);
      StoreName(target.name, target.pos);
      return absl::OkStatus();
    }
    // container[index] op= value
    PJ_RETURN_IF_ERROR(CompileExpr(*target.items[0]));
    PJ_RETURN_IF_ERROR(CompileExpr(*target.items[1]));
    Emit(Op::COPY, 2, s.pos);
    Emit(Op::COPY, 2, s.pos);
    Emit(Op::BINARY_SUBSCR, 0, target.pos);
    PJ_RETURN_IF_ERROR(CompileExpr(*s.value));
    Emit(Op::BINARY_OP, op, s.pos);
    Emit(Op::SWAP, 3, s.pos);  // value, index, container
    Emit(Op::SWAP, 2, s.pos);  // value, container, index
    Emit(Op::STORE_SUBSCR, 0, s.pos);
    return absl::OkStatus();
  }

  absl::Status CompileDef(const Stmt& s) {
    PJ_RETURN_IF_ERROR(CompileFunction(s.sig, &s, s.name, s.pos, [&](CodeCompiler& body) {
      return body.CompileBody(s.body);
    }));
    StoreName(s.name, s.pos);
    return absl::OkStatus();
  }

  // A def or a lambda (`function`, whose scope the symbol table has): its
  // code object, compiled by `compile_body`, and the MAKE_FUNCTION that
  // makes a function of it here, with its defaults and its closure (the
  // cells of this frame that its free variables are) below it.
  template <typename CompileBody>
  absl::Status CompileFunction(const Signature& sig, const void* function, const std::string& name,
                               Pos pos, CompileBody&& compile_body) {
    const FunctionScope& scope = state_.symbols->Of(function);
    int32_t flags = 0;
    int ndefaults = 0;
    for (const Param& p : sig.params) {
      if (p.default_value) {
        PJ_RETURN_IF_ERROR(CompileExpr(*p.default_value));
        ++ndefaults;
      }
    }
    if (ndefaults > 0) {
      Emit(Op::BUILD_TUPLE, ndefaults, pos);
      flags |= kFunctionDefaults;
    }
    int nkwdefaults = 0;  // name, value, name, value...
    for (const Param& p : sig.kwonly) {
      if (p.default_value) {
        Emit(Op::LOAD_CONST, StrConstant(p.name), pos);
        PJ_RETURN_IF_ERROR(CompileExpr(*p.default_value));
        nkwdefaults += 2;
      }
    }
    if (nkwdefaults > 0) {
      Emit(Op::BUILD_TUPLE, nkwdefaults, pos);
      flags |= kFunctionKwDefaults;
    }
    if (!scope.free.empty()) {
      for (const std::string& free : scope.free) {
        if (int slot = ComprehensionSlot(free); slot >= 0) {
          return Error(pos, "a function that uses a comprehension's variable is not supported by "
                            "pyjit's Python subset");
        }
        Emit(Op::LOAD_CLOSURE, scope_.Slot(free), pos);
      }
      Emit(Op::BUILD_TUPLE, static_cast<int>(scope.free.size()), pos);
      flags |= kFunctionClosure;
    }
    // A comprehension's variable is not the function's to see: CPython's
    // would be a local of the comprehension's own function.
    for (const std::string& global : scope.implicit_globals) {
      if (ComprehensionSlot(global) >= 0) {
        return Error(pos, "a function that uses a comprehension's variable is not supported by "
                          "pyjit's Python subset");
      }
    }
    auto child = std::make_unique<CodeObject>();
    child->name = name;
    child->qualname =
        scope_.is_module ? name : absl::StrCat(code_.qualname, ".<locals>.", name);
    child->filename = state_.source->path;
    child->nparams = static_cast<int>(sig.params.size());
    child->nkwonly = static_cast<int>(sig.kwonly.size());
    child->has_varargs = !sig.varargs.empty();
    child->is_generator = scope.is_generator;
    child->local_names = scope.slot_names;
    for (const std::string& cell : scope.cells) child->cell_slots.push_back(scope.Slot(cell));
    std::sort(child->cell_slots.begin(), child->cell_slots.end());
    if (!scope.free.empty()) {
      child->free_start = scope.Slot(scope.free[0]);
      child->nfree = static_cast<int>(scope.free.size());
    }
    CodeCompiler compiler(state_, *child, scope);
    PJ_RETURN_IF_ERROR(compile_body(compiler));
    code_.children.push_back(std::move(child));
    Emit(Op::MAKE_FUNCTION, static_cast<int>(code_.children.size()) - 1, pos, flags);
    return absl::OkStatus();
  }

  // `lambda params: body`: a function whose code returns the body.
  absl::Status CompileLambda(const Expr& e) {
    return CompileFunction(e.sig, &e, "<lambda>", e.pos, [&](CodeCompiler& body) {
      return body.CompileReturnOf(*e.items[0]);
    });
  }

  // (element for target in iterable ...): a generator function of the
  // first iterable's iterator (CPython's `.0`), called where the
  // expression is.
  absl::Status CompileGeneratorExp(const Expr& e) {
    Signature sig;
    sig.params.push_back(Param{".0", nullptr, e.pos});
    PJ_RETURN_IF_ERROR(CompileFunction(sig, &e, "<genexpr>", e.pos, [&](CodeCompiler& body) {
      return body.CompileGeneratorBody(e);
    }));
    PJ_RETURN_IF_ERROR(CompileExpr(*e.clauses[0].iter));
    Emit(Op::GET_ITER, 0, e.pos);
    Emit(Op::CALL, 1, e.pos);
    return absl::OkStatus();
  }

  // The loop nest of a generator expression's function, yielding each
  // element.
  absl::Status CompileGeneratorBody(const Expr& e) {
    std::vector<int> heads;
    for (size_t c = 0; c < e.clauses.size(); ++c) {
      const ComprehensionClause& clause = e.clauses[c];
      if (c == 0) {
        Emit(Op::LOAD_FAST, 0, e.pos);  // .0, already an iterator
      } else {
        PJ_RETURN_IF_ERROR(CompileExpr(*clause.iter));
        Emit(Op::GET_ITER, 0, e.pos);
      }
      heads.push_back(Emit(Op::FOR_ITER, 0, e.pos));
      PJ_RETURN_IF_ERROR(CompileStore(*clause.target));
      for (const ExprPtr& condition : clause.conditions) {
        std::vector<int> keep;
        PJ_RETURN_IF_ERROR(CompileJumpIf(*condition, true, keep));
        Emit(Op::JUMP_BACKWARD, heads.back(), e.pos);
        for (int j : keep) PatchTo(j, Here());
      }
    }
    PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
    Emit(Op::YIELD_VALUE, 0, e.pos);
    Emit(Op::POP_TOP, 0, e.pos);
    for (auto head = heads.rbegin(); head != heads.rend(); ++head) {
      Emit(Op::JUMP_BACKWARD, *head, e.pos);
      PatchTo(*head, Here());
    }
    Emit(Op::LOAD_CONST, Constant(pj_none()), e.pos);
    Emit(Op::RETURN_VALUE, 0, e.pos);
    code_.max_stack = ComputeMaxStack();
    code_.PrepareCounters();
    return absl::OkStatus();
  }

  absl::Status CompileReturnOf(const Expr& value) {
    PJ_RETURN_IF_ERROR(CompileExpr(value));
    Emit(Op::RETURN_VALUE, 0, value.pos);
    code_.max_stack = ComputeMaxStack();
    code_.PrepareCounters();
    return absl::OkStatus();
  }

  static void CollectTargetNames(const Expr& e,
                                 std::vector<std::pair<std::string, Pos>>& out) {
    if (e.kind == Expr::Kind::kName) {
      out.emplace_back(e.name, e.pos);
    } else if (e.kind == Expr::Kind::kTuple || e.kind == Expr::Kind::kList) {
      for (const ExprPtr& item : e.items) CollectTargetNames(*item, out);
    }
  }

  // The instruction that loads, stores or deletes `name` where the symbol
  // table puts it: a comprehension's variable or a local in its slot, a
  // cell or free variable through its cell, or a global.
  void EmitName(const std::string& name, Pos pos, Op fast, Op deref, Op global) {
    if (int slot = ComprehensionSlot(name); slot >= 0) {
      Emit(fast, slot, pos);
      return;
    }
    switch (scope_.Scope(name)) {
      case NameScope::kFast:
        Emit(fast, scope_.Slot(name), pos);
        return;
      case NameScope::kCell:
      case NameScope::kFree:
        Emit(deref, scope_.Slot(name), pos);
        return;
      case NameScope::kGlobal:
        Emit(global, state_.GlobalSlot(name), pos);
        return;
    }
  }

  void LoadName(const std::string& name, Pos pos) {
    EmitName(name, pos, Op::LOAD_FAST, Op::LOAD_DEREF, Op::LOAD_GLOBAL);
  }

  void StoreName(const std::string& name, Pos pos) {
    EmitName(name, pos, Op::STORE_FAST, Op::STORE_DEREF, Op::STORE_GLOBAL);
  }

  // Stores the value on top of the stack into `target`.
  absl::Status CompileStore(const Expr& target) {
    switch (target.kind) {
      case Expr::Kind::kName:
        StoreName(target.name, target.pos);
        return absl::OkStatus();
      case Expr::Kind::kSubscript:
        PJ_RETURN_IF_ERROR(CompileExpr(*target.items[0]));
        PJ_RETURN_IF_ERROR(CompileExpr(*target.items[1]));
        Emit(Op::STORE_SUBSCR, 0, target.pos);
        return absl::OkStatus();
      case Expr::Kind::kTuple:
      case Expr::Kind::kList:
        Emit(Op::UNPACK_SEQUENCE, static_cast<int>(target.items.size()), target.pos);
        for (const ExprPtr& item : target.items) PJ_RETURN_IF_ERROR(CompileStore(*item));
        return absl::OkStatus();
      default:
        return Error(target.pos, "cannot assign to expression");
    }
  }

  // ---- expressions ----

  absl::Status CompileExpr(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kName:
        LoadName(e.name, e.pos);
        return absl::OkStatus();
      case Expr::Kind::kInt:
        Emit(Op::LOAD_CONST,
             Constant(IntFromDigits(e.name, e.int_base, Heap::Lifetime::kPermanent)), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kFloat:
        Emit(Op::LOAD_CONST, Constant(pj_float(e.float_value)), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kStr:
        Emit(Op::LOAD_CONST, StrConstant(e.name), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kTrue:
      case Expr::Kind::kFalse:
        Emit(Op::LOAD_CONST, Constant(pj_bool(e.kind == Expr::Kind::kTrue)), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kNone:
        Emit(Op::LOAD_CONST, Constant(pj_none()), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kBinary:
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[1]));
        Emit(Op::BINARY_OP, static_cast<int32_t>(e.binary_op), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kUnary:
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        Emit(Op::UNARY_OP, static_cast<int32_t>(e.unary_op), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kBoolOp: {
        std::vector<int> jumps;
        Op jump = e.is_or ? Op::JUMP_IF_TRUE_OR_POP : Op::JUMP_IF_FALSE_OR_POP;
        for (size_t i = 0; i < e.items.size(); ++i) {
          PJ_RETURN_IF_ERROR(CompileExpr(*e.items[i]));
          if (i + 1 < e.items.size()) jumps.push_back(Emit(jump, 0, e.items[i]->pos));
        }
        for (int j : jumps) PatchTo(j, Here());
        return absl::OkStatus();
      }
      case Expr::Kind::kCompare:
        return CompileCompare(e);
      case Expr::Kind::kIfExp: {
        std::vector<int> to_else;
        PJ_RETURN_IF_ERROR(CompileJumpIf(*e.items[1], false, to_else));
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        int to_end = Emit(Op::JUMP_FORWARD, 0, e.pos);
        for (int j : to_else) PatchTo(j, Here());
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[2]));
        PatchTo(to_end, Here());
        return absl::OkStatus();
      }
      case Expr::Kind::kCall:
        return CompileCall(e);
      case Expr::Kind::kSubscript:
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        if (e.items[1]->kind == Expr::Kind::kSlice) {
          for (const ExprPtr& part : e.items[1]->items) {
            if (part) {
              PJ_RETURN_IF_ERROR(CompileExpr(*part));
            } else {
              Emit(Op::LOAD_CONST, Constant(pj_none()), e.pos);
            }
          }
          Emit(Op::BINARY_SLICE, 0, e.pos);
          return absl::OkStatus();
        }
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[1]));
        Emit(Op::BINARY_SUBSCR, 0, e.pos);
        return absl::OkStatus();
      case Expr::Kind::kSlice:
        return Error(e.pos, "a slice is only allowed as an index");
      case Expr::Kind::kListComp:
      case Expr::Kind::kDictComp:
      case Expr::Kind::kSetComp:
        return CompileComprehension(e);
      case Expr::Kind::kSet:
        for (const ExprPtr& item : e.items) PJ_RETURN_IF_ERROR(CompileExpr(*item));
        Emit(Op::BUILD_SET, static_cast<int>(e.items.size()), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kDict:
        for (const ExprPtr& item : e.items) PJ_RETURN_IF_ERROR(CompileExpr(*item));
        Emit(Op::BUILD_MAP, static_cast<int>(e.items.size() / 2), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kJoinedStr:
        for (const ExprPtr& part : e.items) PJ_RETURN_IF_ERROR(CompileExpr(*part));
        if (e.items.empty()) {
          Emit(Op::LOAD_CONST, StrConstant(""), e.pos);
        } else if (e.items.size() > 1 || e.items[0]->kind != Expr::Kind::kFormattedValue) {
          Emit(Op::BUILD_STRING, static_cast<int>(e.items.size()), e.pos);
        }
        return absl::OkStatus();
      case Expr::Kind::kFormattedValue: {
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        int flags = e.conversion == 's'   ? PJ_FORMAT_STR
                    : e.conversion == 'r' ? PJ_FORMAT_REPR
                    : e.conversion == 'a' ? PJ_FORMAT_ASCII
                                          : PJ_FORMAT_NONE;
        if (e.items[1] != nullptr) {
          PJ_RETURN_IF_ERROR(CompileExpr(*e.items[1]));
          flags |= PJ_FORMAT_HAS_SPEC;
        }
        Emit(Op::FORMAT_VALUE, flags, e.pos);
        return absl::OkStatus();
      }
      case Expr::Kind::kAttribute:
        PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        Emit(Op::LOAD_ATTR, Name(e.name), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kList:
      case Expr::Kind::kTuple:
        for (const ExprPtr& item : e.items) PJ_RETURN_IF_ERROR(CompileExpr(*item));
        Emit(e.kind == Expr::Kind::kList ? Op::BUILD_LIST : Op::BUILD_TUPLE,
             static_cast<int>(e.items.size()), e.pos);
        return absl::OkStatus();
      case Expr::Kind::kLambda:
        return CompileLambda(e);
      case Expr::Kind::kGeneratorExp:
        return CompileGeneratorExp(e);
      case Expr::Kind::kYield:
        if (e.items[0]) {
          PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
        } else {
          Emit(Op::LOAD_CONST, Constant(pj_none()), e.pos);
        }
        Emit(Op::YIELD_VALUE, 0, e.pos);
        return absl::OkStatus();
      case Expr::Kind::kStarred:
        return Error(e.pos, "can't use starred expression here");
    }
    return Error(e.pos, "unsupported expression");
  }

  // Inlined, as a loop nest that appends to a list (or adds to a dict) kept
  // under the iterators; loop variables get hidden local slots of their own.
  absl::Status CompileComprehension(const Expr& e) {
    const bool dict = e.kind == Expr::Kind::kDictComp;
    const bool set = e.kind == Expr::Kind::kSetComp;
    Emit(dict ? Op::BUILD_MAP : set ? Op::BUILD_SET : Op::BUILD_LIST, 0, e.pos);
    comprehension_scopes_.emplace_back();
    std::vector<int> heads;
    absl::Status status = absl::OkStatus();
    for (size_t c = 0; c < e.clauses.size() && status.ok(); ++c) {
      const ComprehensionClause& clause = e.clauses[c];
      status = CompileExpr(*clause.iter);
      if (!status.ok()) break;
      Emit(Op::GET_ITER, 0, e.pos);
      heads.push_back(Emit(Op::FOR_ITER, 0, e.pos));
      std::vector<std::pair<std::string, Pos>> names;
      CollectTargetNames(*clause.target, names);
      for (const auto& [name, pos] : names) {
        if (!comprehension_scopes_.back().contains(name)) {
          comprehension_scopes_.back()[name] = code_.nlocals();
          code_.local_names.push_back((dict ? "<dictcomp>." : set ? "<setcomp>." : "<listcomp>.") +
                                      name);
        }
      }
      status = CompileStore(*clause.target);
      for (const ExprPtr& condition : clause.conditions) {
        if (!status.ok()) break;
        std::vector<int> keep;
        status = CompileJumpIf(*condition, true, keep);
        Emit(Op::JUMP_BACKWARD, heads.back(), e.pos);
        for (int j : keep) PatchTo(j, Here());
      }
    }
    for (const ExprPtr& element : e.items) {  // the element, or the key then the value
      if (status.ok()) status = CompileExpr(*element);
    }
    comprehension_scopes_.pop_back();
    PJ_RETURN_IF_ERROR(status);
    Emit(dict ? Op::MAP_ADD : set ? Op::SET_ADD : Op::LIST_APPEND,
         static_cast<int>(heads.size()) + 1, e.pos);
    for (auto head = heads.rbegin(); head != heads.rend(); ++head) {
      Emit(Op::JUMP_BACKWARD, *head, e.pos);
      PatchTo(*head, Here());
    }
    return absl::OkStatus();
  }

  absl::Status CompileCompare(const Expr& e) {
    // a < b < c as a value: a false comparison keeps its result
    // (JUMP_IF_FALSE_OR_POP) and drops the middle operand below it.
    std::vector<int> cleanups;
    PJ_RETURN_IF_ERROR(CompileCompareChain(e, Op::JUMP_IF_FALSE_OR_POP, cleanups));
    if (cleanups.empty()) return absl::OkStatus();  // a single comparison
    int to_end = Emit(Op::JUMP_FORWARD, 0, e.pos);
    for (int c : cleanups) PatchTo(c, Here());
    Emit(Op::SWAP, 2, e.pos);
    Emit(Op::POP_TOP, 0, e.pos);
    PatchTo(to_end, Here());
    return absl::OkStatus();
  }

  // `a, b = b, a + b`: distinct names on the left, as many values on the
  // right. The values are pushed and the names stored last one first,
  // which is what unpacking a tuple of them would do, without the tuple (a
  // heap allocation per iteration in a loop). A name repeated on the left
  // keeps the tuple: the last store must win.
  static bool IsNameShuffle(const Stmt& s) {
    if (s.targets.size() != 1) return false;
    const Expr& target = *s.targets[0];
    const Expr& value = *s.value;
    if ((target.kind != Expr::Kind::kTuple && target.kind != Expr::Kind::kList) ||
        value.kind != Expr::Kind::kTuple || target.items.size() != value.items.size()) {
      return false;
    }
    absl::flat_hash_set<std::string> names;
    for (const ExprPtr& t : target.items) {
      if (t->kind != Expr::Kind::kName || !names.insert(t->name).second) return false;
    }
    return true;
  }
  absl::Status CompileNameShuffle(const Stmt& s) {
    for (const ExprPtr& v : s.value->items) PJ_RETURN_IF_ERROR(CompileExpr(*v));
    const auto& targets = s.targets[0]->items;
    for (auto t = targets.rbegin(); t != targets.rend(); ++t) StoreName((*t)->name, (*t)->pos);
    return absl::OkStatus();
  }

  // A condition whose value only decides a jump, as CPython's
  // compiler_jump_if: code that jumps (through the instructions it adds to
  // `jumps`, patched by the caller) when `e` is truthy if `when`, falsy if
  // not, and falls through otherwise. `and`, `or` and `not` become chains of
  // POP_JUMP_IF_*, which traces follow as branch guards, instead of
  // JUMP_IF_*_OR_POP keeping a value no one uses. Each operand is still
  // evaluated once, in order, and tested once.
  absl::Status CompileJumpIf(const Expr& e, bool when, std::vector<int>& jumps) {
    if (e.kind == Expr::Kind::kUnary && e.unary_op == UnaryOp::kNot) {
      return CompileJumpIf(*e.items[0], !when, jumps);
    }
    if (e.kind == Expr::Kind::kBoolOp) {
      // `a and b` jumps when false as soon as one operand is; it jumps when
      // true only after the last (an earlier false one falls through). `or`
      // the other way round.
      const bool any_decides = when == e.is_or;
      std::vector<int> fall_through;
      for (size_t i = 0; i < e.items.size(); ++i) {
        const bool last = i + 1 == e.items.size();
        if (any_decides || last) {
          PJ_RETURN_IF_ERROR(CompileJumpIf(*e.items[i], when, jumps));
        } else {
          PJ_RETURN_IF_ERROR(CompileJumpIf(*e.items[i], !when, fall_through));
        }
      }
      for (int j : fall_through) PatchTo(j, Here());
      return absl::OkStatus();
    }
    if (e.kind == Expr::Kind::kCompare && e.compare_ops.size() > 1) {
      return CompileChainedCompareJump(e, when, jumps);
    }
    PJ_RETURN_IF_ERROR(CompileExpr(e));
    jumps.push_back(Emit(when ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, 0, e.pos));
    return absl::OkStatus();
  }

  // The comparisons of `a < b < c < ...`, the last one's result on the
  // stack: each middle operand is evaluated once and kept below for the
  // next comparison; a false comparison leaves through `short_circuit`
  // (added to `exits`) with that operand still below it.
  absl::Status CompileCompareChain(const Expr& e, Op short_circuit, std::vector<int>& exits) {
    PJ_RETURN_IF_ERROR(CompileExpr(*e.items[0]));
    const size_t n = e.compare_ops.size();
    for (size_t i = 0; i + 1 < n; ++i) {
      PJ_RETURN_IF_ERROR(CompileExpr(*e.items[i + 1]));
      Emit(Op::SWAP, 2, e.pos);
      Emit(Op::COPY, 2, e.pos);
      Emit(Op::COMPARE_OP, static_cast<int32_t>(e.compare_ops[i]), e.pos);
      exits.push_back(Emit(short_circuit, 0, e.pos));
    }
    PJ_RETURN_IF_ERROR(CompileExpr(*e.items[n]));
    Emit(Op::COMPARE_OP, static_cast<int32_t>(e.compare_ops[n - 1]), e.pos);
    return absl::OkStatus();
  }

  // `a < b < c` as a condition: each comparison a POP_JUMP_IF_FALSE, its
  // right operand kept below for the next one; a false one leaves through a
  // cleanup block that drops that operand (CPython 3.11 compiles it so).
  absl::Status CompileChainedCompareJump(const Expr& e, bool when, std::vector<int>& jumps) {
    std::vector<int> to_cleanup;
    PJ_RETURN_IF_ERROR(CompileCompareChain(e, Op::POP_JUMP_IF_FALSE, to_cleanup));
    jumps.push_back(Emit(when ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, 0, e.pos));
    int to_end = Emit(Op::JUMP_FORWARD, 0, e.pos);
    for (int c : to_cleanup) PatchTo(c, Here());
    Emit(Op::POP_TOP, 0, e.pos);
    if (!when) jumps.push_back(Emit(Op::JUMP_FORWARD, 0, e.pos));  // false: the jump's case
    PatchTo(to_end, Here());
    return absl::OkStatus();
  }

  absl::Status CompileCall(const Expr& e) {
    const Expr& callee = *e.items[0];
    int nargs = static_cast<int>(e.items.size()) - 1;
    const bool starred = std::any_of(e.items.begin() + 1, e.items.end(), [](const ExprPtr& a) {
      return a->kind == Expr::Kind::kStarred;
    });
    if (starred) {
      PJ_RETURN_IF_ERROR(CompileExpr(callee));  // a method: bound by LOAD_ATTR
      return CompileStarredCall(e);
    }
    if (callee.kind == Expr::Kind::kAttribute) {
      if (!e.keywords.empty()) {
        return Error(e.keywords[0].pos,
                     "keyword arguments to methods are not supported by pyjit's Python subset");
      }
      PJ_RETURN_IF_ERROR(CompileExpr(*callee.items[0]));
      for (int i = 1; i <= nargs; ++i) PJ_RETURN_IF_ERROR(CompileExpr(*e.items[i]));
      Emit(Op::CALL_METHOD, nargs, e.pos, Name(callee.name));
      return absl::OkStatus();
    }
    PJ_RETURN_IF_ERROR(CompileExpr(callee));
    for (int i = 1; i <= nargs; ++i) PJ_RETURN_IF_ERROR(CompileExpr(*e.items[i]));
    if (e.keywords.empty()) {
      Emit(Op::CALL, nargs, e.pos);
      return absl::OkStatus();
    }
    PjTuple* names = TheHeap().NewTuple(e.keywords.size(), Heap::Lifetime::kPermanent);
    for (size_t i = 0; i < e.keywords.size(); ++i) {
      PJ_RETURN_IF_ERROR(CompileExpr(*e.keywords[i].value));
      names->items[i] = code_.constants[StrConstant(e.keywords[i].name)];
    }
    Emit(Op::CALL_KW, nargs + static_cast<int>(e.keywords.size()), e.pos, KeywordNames(names));
    return absl::OkStatus();
  }

  int KeywordNames(PjTuple* names) {
    code_.constants.push_back(pj_object(PJ_TAG_TUPLE, &names->head));
    return static_cast<int>(code_.constants.size()) - 1;
  }

  // f(a, *b, c, k=v): the positional arguments gathered in a list (the
  // callee is below it), keyword values above, as CPython's
  // CALL_FUNCTION_EX.
  absl::Status CompileStarredCall(const Expr& e) {
    Emit(Op::BUILD_LIST, 0, e.pos);
    for (size_t i = 1; i < e.items.size(); ++i) {
      const Expr& arg = *e.items[i];
      if (arg.kind == Expr::Kind::kStarred) {
        PJ_RETURN_IF_ERROR(CompileExpr(*arg.items[0]));
        // `f(*x)` alone: CPython's error names f.
        Emit(Op::LIST_EXTEND, 1, arg.pos, e.items.size() == 2 ? 1 : 0);
      } else {
        PJ_RETURN_IF_ERROR(CompileExpr(arg));
        Emit(Op::LIST_APPEND, 1, arg.pos);
      }
    }
    int kwnames = -1;
    if (!e.keywords.empty()) {
      PjTuple* names = TheHeap().NewTuple(e.keywords.size(), Heap::Lifetime::kPermanent);
      for (size_t i = 0; i < e.keywords.size(); ++i) {
        PJ_RETURN_IF_ERROR(CompileExpr(*e.keywords[i].value));
        names->items[i] = code_.constants[StrConstant(e.keywords[i].name)];
      }
      kwnames = KeywordNames(names);
    }
    Emit(Op::CALL_FUNCTION_EX, static_cast<int>(e.keywords.size()), e.pos, kwnames);
    return absl::OkStatus();
  }

  int ComputeMaxStack() const {
    int max_depth = 0;
    StackDepths(code_, &max_depth);
    return max_depth;
  }

  ProgramState& state_;
  CodeObject& code_;
  const FunctionScope& scope_;
  std::vector<Block> blocks_;  // innermost last
  // The handlers of the try statements being compiled, innermost last: the
  // last one covers each instruction emitted.
  std::vector<int> active_handlers_;
  // The stack depth where statements are compiled: the iterators of the
  // loops they are in, and what the handlers they are in keep.
  int depth_ = 0;
  std::vector<absl::flat_hash_map<std::string, int>> comprehension_scopes_;
};

}  // namespace

absl::StatusOr<Program> Compile(const Module& module, const SourceFile& source) {
  Program program;
  program.filename = source.path;
  program.source_text = source.text;
  program.module_code = std::make_unique<CodeObject>();
  program.module_code->name = program.module_code->qualname = "<module>";
  program.module_code->filename = source.path;
  PJ_ASSIGN_OR_RETURN(SymbolTable symbols, SymbolTable::Build(module, source));
  ProgramState state{&source, &program, &symbols, {}};
  CodeCompiler compiler(state, *program.module_code, symbols.ModuleScope());
  PJ_RETURN_IF_ERROR(compiler.CompileBody(module.body));
  return program;
}

absl::StatusOr<Program> CompileSource(const SourceFile& source) {
  PJ_ASSIGN_OR_RETURN(Module module, Parse(source));
  PJ_RETURN_IF_ERROR(CheckSubset(module, source));
  return Compile(module, source);
}

}  // namespace pyjit
