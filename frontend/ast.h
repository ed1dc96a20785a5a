// The syntax tree of the subset. One node type for expressions and one for
// statements, each with a kind; the fields a kind uses are listed beside it.
#ifndef PYJIT_FRONTEND_AST_H_
#define PYJIT_FRONTEND_AST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "frontend/source.h"
#include "runtime/code.h"

namespace pyjit {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

struct Keyword {
  std::string name;
  ExprPtr value;
  Pos pos;
};

// One `for target in iter if cond...` clause of a comprehension.
struct ComprehensionClause {
  ExprPtr target;
  ExprPtr iter;
  std::vector<ExprPtr> conditions;
};

struct Param {
  std::string name;
  ExprPtr default_value;  // null when there is none
  Pos pos;
};

// The parameters of a def or a lambda: positional (or keyword), then
// `*args`, then keyword-only ones.
struct Signature {
  std::vector<Param> params;
  std::string varargs;  // "" without *args
  Pos varargs_pos;
  std::vector<Param> kwonly;
  // Every parameter name, in slot order: positional, keyword-only, *args.
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const Param& p : params) names.push_back(p.name);
    for (const Param& p : kwonly) names.push_back(p.name);
    if (!varargs.empty()) names.push_back(varargs);
    return names;
  }
};

struct Expr {
  enum class Kind {
    kName,       // name
    kInt,        // name: the digits, in int_base
    kFloat,      // float_value
    kStr,        // name holds the value
    kTrue,
    kFalse,
    kNone,
    kBinary,     // binary_op; items[0] op items[1]
    kUnary,      // unary_op; items[0]
    kBoolOp,     // is_or; items (two or more)
    kCompare,    // compare_ops[i] between items[i] and items[i+1]
    kIfExp,      // items: body, test, orelse
    kCall,       // items[0] callee, items[1..] positional; keywords
    kSubscript,  // items: value, index
    kSlice,      // items: start, stop, step (each may be null); only as an index
    kAttribute,  // items[0] value; name is the attribute
    kList,       // items
    kTuple,      // items
    kListComp,   // items[0] the element; clauses
    kDict,       // items: key, value, key, value...
    kDictComp,   // items[0] the key, items[1] the value; clauses
    kSet,        // items
    kSetComp,    // items[0] the element; clauses
    kJoinedStr,  // an f-string: items, each a kStr or a kFormattedValue
    kFormattedValue,  // items[0] the value, items[1] its spec (a kJoinedStr) or null;
                      // conversion
    kLambda,     // sig; items[0] the body
    kGeneratorExp,  // items[0] the element; clauses
    kYield,      // items[0] the value, or null
    kStarred,    // items[0]: `*x` among a call's arguments
  };
  Kind kind;
  Pos pos;
  std::string name;
  int int_base = 10;
  double float_value = 0;
  BinaryOp binary_op = BinaryOp::kAdd;
  UnaryOp unary_op = UnaryOp::kNegative;
  bool is_or = false;
  char conversion = 0;  // kFormattedValue: 's', 'r', 'a' or 0 (none)
  std::vector<CompareOp> compare_ops;
  std::vector<ExprPtr> items;
  std::vector<Keyword> keywords;
  std::vector<ComprehensionClause> clauses;
  Signature sig;
  int height = 1;  // levels down to the deepest leaf, set by the parser

  Expr(Kind k, Pos p) : kind(k), pos(p) {}
};

// One `except [type [as name]]:` clause of a try statement.
struct ExceptHandler {
  ExprPtr type;      // null for a bare `except:`
  std::string name;  // empty without `as`
  Pos pos;
  std::vector<StmtPtr> body;
};

struct Stmt {
  enum class Kind {
    kExpr,       // value
    kAssign,     // targets (chained: a = b = value); value
    kAugAssign,  // targets[0]; binary_op; value
    kIf,         // value is the test; body; orelse (elif is a nested kIf)
    kWhile,      // value is the test; body; orelse
    kFor,        // targets[0]; value is the iterable; body; orelse
    kBreak,
    kContinue,
    kPass,
    kReturn,     // value (may be null)
    kDef,        // name; sig; body
    kGlobal,     // names
    kNonlocal,   // names
    kAssert,     // value; message (may be null)
    kImport,     // name (the module)
    kDel,        // targets: subscripts
    kTry,        // body; handlers; orelse; finalbody
    kRaise,      // value (null: a bare `raise`)
  };
  Kind kind;
  Pos pos;
  std::vector<ExprPtr> targets;
  ExprPtr value;
  ExprPtr message;
  BinaryOp binary_op = BinaryOp::kAdd;
  std::vector<StmtPtr> body;
  std::vector<StmtPtr> orelse;
  std::vector<ExceptHandler> handlers;
  std::vector<StmtPtr> finalbody;
  std::string name;
  std::vector<std::string> names;
  Signature sig;

  Stmt(Kind k, Pos p) : kind(k), pos(p) {}
};

// Calls fn on each block of statements directly inside `s` (a loop's or
// an if's body and else, a try's body, handlers, else and finally), so
// that every walk over the tree sees all of them.
template <typename Fn>
void ForEachBlock(const Stmt& s, Fn&& fn) {
  fn(s.body);
  for (const ExceptHandler& h : s.handlers) fn(h.body);
  fn(s.orelse);
  fn(s.finalbody);
}

struct Module {
  std::vector<StmtPtr> body;
};

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_AST_H_
