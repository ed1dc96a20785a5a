#include "frontend/parser.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "frontend/lexer.h"
#include "frontend/status_macros.h"

namespace pyjit {
namespace {

// Python keywords the subset does not have, with what to say about them.
const char* UnsupportedKeyword(const std::string& word) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"class", "classes are not supported by pyjit's Python subset (Level 2)"},
      {"with", "with statements are not supported by pyjit's Python subset"},
      {"async", "async is not supported by pyjit's Python subset"},
      {"await", "await is not supported by pyjit's Python subset"},
      {"from", "'from ... import' is not supported: use 'import math' or 'import time'"},
  };
  for (const auto& [name, message] : kWords) {
    if (word == name) return message;
  }
  return nullptr;
}

bool IsKeyword(const std::string& word) {
  static const absl::flat_hash_set<std::string> kKeywords = {
      "False", "None",   "True",  "and",   "as",     "assert", "async", "await",
      "break", "class",  "continue", "def", "del",   "elif",   "else",  "except",
      "finally", "for",  "from",  "global", "if",    "import", "in",    "is",
      "lambda", "nonlocal", "not", "or",   "pass",  "raise",  "return", "try",
      "while", "with",   "yield"};
  return kKeywords.contains(word);
}

// CPython refuses deeper nesting too; the limit keeps the recursive descent
// far from the end of the C++ stack whatever the input.
constexpr int kMaxNesting = 600;  // about 200 levels of parentheses, as CPython

// How deep a statement's syntax tree may be, counting the statements that
// enclose it and every expression level down to a leaf: CPython 3.11's
// compiler stops at the same depth (3 x its recursion limit of 1000) with
// "RecursionError: maximum recursion depth exceeded during compilation".
// Left-associative chains (`1+1+...`, `l[0][0]...`, `f(1)(1)...`) are built
// by loops, not recursion, so only this bound keeps the compiler's and the
// tree's own recursion (down to its destructor) off the end of the stack.
constexpr int kMaxTreeDepth = 3000;

class Parser {
 public:
  Parser(const SourceFile& source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  absl::StatusOr<Module> ParseModule() {
    Module module;
    while (!At(TokenKind::kEnd)) {
      PJ_RETURN_IF_ERROR(ParseStatement(module.body));
    }
    return module;
  }

 private:
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& Next() const { return tokens_[pos_ + 1 < tokens_.size() ? pos_ + 1 : pos_]; }
  bool At(TokenKind kind) const { return Cur().kind == kind; }
  bool AtOp(std::string_view op) const { return Cur().kind == TokenKind::kOp && Cur().text == op; }
  bool AtName(std::string_view word) const {
    return Cur().kind == TokenKind::kName && Cur().text == word;
  }
  const Token& Take() { return tokens_[pos_++]; }

  absl::Status Error(Pos pos, absl::string_view message) const {
    return SourceError(source_, pos, message);
  }

  absl::Status Unexpected() const {
    const Token& t = Cur();
    switch (t.kind) {
      case TokenKind::kNewline:
      case TokenKind::kEnd:
        return Error(t.pos, "invalid syntax: unexpected end of line");
      case TokenKind::kIndent:
        return Error(t.pos, "unexpected indent");
      case TokenKind::kDedent:
        return Error(t.pos, "unexpected dedent");
      default:
        if (t.kind == TokenKind::kName) {
          if (const char* why = UnsupportedKeyword(t.text)) return Error(t.pos, why);
          if (t.text == "yield") {
            return Error(t.pos, "'yield' in an expression is not supported by pyjit's Python "
                                "subset (only as a statement)");
          }
        }
        return Error(t.pos, absl::StrCat("invalid syntax at '", t.text, "'"));
    }
  }

  absl::Status ExpectOp(std::string_view op) {
    if (!AtOp(op)) {
      if (At(TokenKind::kNewline) || At(TokenKind::kEnd)) {
        return Error(Cur().pos, absl::StrCat("expected '", std::string(op), "'"));
      }
      return Error(Cur().pos, absl::StrCat("expected '", std::string(op), "', found '", Cur().text, "'"));
    }
    ++pos_;
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> ExpectName() {
    if (!At(TokenKind::kName) || IsKeyword(Cur().text)) {
      return Error(Cur().pos, "expected a name");
    }
    return Take().text;
  }

  absl::Status ExpectNewline() {
    if (At(TokenKind::kNewline)) {
      ++pos_;
      return absl::OkStatus();
    }
    if (At(TokenKind::kEnd)) return absl::OkStatus();
    return Unexpected();
  }

  // ---- statements ----

  absl::Status ParseStatement(std::vector<StmtPtr>& out) {
    const Token& t = Cur();
    if (t.kind == TokenKind::kIndent) return Error(t.pos, "unexpected indent");
    if (t.kind == TokenKind::kName) {
      if (t.text == "if") return ParseIf(out);
      if (t.text == "while") return ParseWhile(out);
      if (t.text == "for") return ParseFor(out);
      if (t.text == "def") return ParseDef(out);
      if (t.text == "try") return ParseTry(out);
      if (t.text == "else" || t.text == "elif") return Error(t.pos, "invalid syntax: '" + t.text + "' without a matching 'if' or loop");
    }
    if (AtOp("@")) return Error(t.pos, "decorators are not supported by pyjit's Python subset");
    // Simple statements, separated by ';'.
    while (true) {
      PJ_RETURN_IF_ERROR(ParseSimpleStatement(out));
      if (!AtOp(";")) break;
      ++pos_;
      if (At(TokenKind::kNewline) || At(TokenKind::kEnd)) break;
    }
    return ExpectNewline();
  }

  absl::Status ParseBlock(std::vector<StmtPtr>& body) {
    NestingGuard guard(*this);
    if (guard.too_deep()) return Error(Cur().pos, "too many levels of nested blocks");
    ++block_depth_;
    absl::Status status = ParseBlockBody(body);
    --block_depth_;
    return status;
  }

  absl::Status ParseBlockBody(std::vector<StmtPtr>& body) {
    PJ_RETURN_IF_ERROR(ExpectOp(":"));
    if (!At(TokenKind::kNewline)) {  // `if x: y = 1` on one line
      while (true) {
        PJ_RETURN_IF_ERROR(ParseSimpleStatement(body));
        if (!AtOp(";")) break;
        ++pos_;
        if (At(TokenKind::kNewline)) break;
      }
      return ExpectNewline();
    }
    ++pos_;
    if (!At(TokenKind::kIndent)) return Error(Cur().pos, "expected an indented block");
    ++pos_;
    while (!At(TokenKind::kDedent) && !At(TokenKind::kEnd)) {
      PJ_RETURN_IF_ERROR(ParseStatement(body));
    }
    if (At(TokenKind::kDedent)) ++pos_;
    return absl::OkStatus();
  }

  absl::Status ParseIf(std::vector<StmtPtr>& out) {
    auto stmt = std::make_unique<Stmt>(Stmt::Kind::kIf, Take().pos);
    PJ_ASSIGN_OR_RETURN(stmt->value, ParseTest());
    PJ_RETURN_IF_ERROR(ParseBlock(stmt->body));
    if (AtName("elif")) {
      PJ_RETURN_IF_ERROR(ParseIf(stmt->orelse));
    } else if (AtName("else")) {
      ++pos_;
      PJ_RETURN_IF_ERROR(ParseBlock(stmt->orelse));
    }
    out.push_back(std::move(stmt));
    return absl::OkStatus();
  }

  absl::Status ParseWhile(std::vector<StmtPtr>& out) {
    auto stmt = std::make_unique<Stmt>(Stmt::Kind::kWhile, Take().pos);
    PJ_ASSIGN_OR_RETURN(stmt->value, ParseTest());
    PJ_RETURN_IF_ERROR(ParseBlock(stmt->body));
    if (AtName("else")) {
      ++pos_;
      PJ_RETURN_IF_ERROR(ParseBlock(stmt->orelse));
    }
    out.push_back(std::move(stmt));
    return absl::OkStatus();
  }

  absl::Status ParseFor(std::vector<StmtPtr>& out) {
    auto stmt = std::make_unique<Stmt>(Stmt::Kind::kFor, Take().pos);
    PJ_ASSIGN_OR_RETURN(ExprPtr target, ParseTargetList());
    PJ_RETURN_IF_ERROR(CheckTarget(*target));
    stmt->targets.push_back(std::move(target));
    if (!AtName("in")) return Error(Cur().pos, "expected 'in'");
    ++pos_;
    PJ_ASSIGN_OR_RETURN(stmt->value, ParseExprList());
    PJ_RETURN_IF_ERROR(ParseBlock(stmt->body));
    if (AtName("else")) {
      ++pos_;
      PJ_RETURN_IF_ERROR(ParseBlock(stmt->orelse));
    }
    out.push_back(std::move(stmt));
    return absl::OkStatus();
  }

  // A def's or a lambda's parameters, up to `end` (not taken): names
  // with defaults, `*` or `*args`, then keyword-only names.
  absl::Status ParseSignature(Signature& sig, std::string_view end) {
    bool seen_default = false;
    bool seen_star = false;
    Pos bare_star;
    bool bare = false;
    std::vector<std::string> names;
    auto take_name = [&](Param& param) -> absl::Status {
      param.pos = Cur().pos;
      PJ_ASSIGN_OR_RETURN(param.name, ExpectName());
      for (const std::string& n : names) {
        if (n == param.name) {
          return Error(param.pos, absl::StrCat("duplicate argument '", param.name,
                                               "' in function definition"));
        }
      }
      names.push_back(param.name);
      if (AtOp(":") && end != ":") {
        return Error(Cur().pos, "annotations are not supported by pyjit's Python subset");
      }
      return absl::OkStatus();
    };
    while (!AtOp(end)) {
      if (AtOp("**")) {
        return Error(Cur().pos, "**kwargs is not supported by pyjit's Python subset");
      }
      if (AtOp("/")) {
        return Error(Cur().pos,
                     "positional-only parameters ('/') are not supported by pyjit's Python subset");
      }
      if (AtOp("*")) {
        if (seen_star) return Error(Cur().pos, "* argument may appear only once");
        seen_star = true;
        Pos star = Take().pos;
        if (AtOp(",") || AtOp(end)) {
          bare = true;
          bare_star = star;
        } else {
          Param p;
          PJ_RETURN_IF_ERROR(take_name(p));
          sig.varargs = p.name;
          sig.varargs_pos = p.pos;
        }
      } else {
        Param param;
        PJ_RETURN_IF_ERROR(take_name(param));
        if (AtOp("=")) {
          ++pos_;
          PJ_ASSIGN_OR_RETURN(param.default_value, ParseTest());
          if (!seen_star) seen_default = true;
        } else if (seen_default && !seen_star) {
          return Error(param.pos, "non-default argument follows default argument");
        }
        (seen_star ? sig.kwonly : sig.params).push_back(std::move(param));
      }
      if (!AtOp(",")) break;
      ++pos_;
    }
    if (bare && sig.kwonly.empty()) return Error(bare_star, "named arguments must follow bare *");
    if (!AtOp(end)) return Error(Cur().pos, absl::StrCat("expected '", std::string(end), "'"));
    return absl::OkStatus();
  }

  absl::Status ParseTry(std::vector<StmtPtr>& out) {
    auto stmt = std::make_unique<Stmt>(Stmt::Kind::kTry, Take().pos);
    PJ_RETURN_IF_ERROR(ParseBlock(stmt->body));
    bool bare_seen = false;  // a bare `except:`, which must be the last
    Pos bare_pos;
    while (AtName("except")) {
      ExceptHandler handler;
      handler.pos = Take().pos;
      if (bare_seen) return Error(bare_pos, "default 'except:' must be last");
      if (AtOp("*")) return Error(Cur().pos, "except* is not supported by pyjit's Python subset");
      if (!AtOp(":")) {
        PJ_ASSIGN_OR_RETURN(handler.type, ParseTest());
        if (AtOp(",")) return Error(handler.type->pos, "multiple exception types must be parenthesized");
        if (AtName("as")) {
          ++pos_;
          PJ_ASSIGN_OR_RETURN(handler.name, ExpectName());
        }
      }
      if (!handler.type) {
        bare_seen = true;
        bare_pos = handler.pos;
      }
      PJ_RETURN_IF_ERROR(ParseBlock(handler.body));
      stmt->handlers.push_back(std::move(handler));
    }
    if (AtName("else")) {
      if (stmt->handlers.empty()) return Error(Cur().pos, "expected 'except' or 'finally' block");
      ++pos_;
      PJ_RETURN_IF_ERROR(ParseBlock(stmt->orelse));
    }
    if (AtName("finally")) {
      ++pos_;
      PJ_RETURN_IF_ERROR(ParseBlock(stmt->finalbody));
    }
    if (stmt->handlers.empty() && stmt->finalbody.empty()) {
      return Error(Cur().pos, "expected 'except' or 'finally' block");
    }
    out.push_back(std::move(stmt));
    return absl::OkStatus();
  }

  absl::Status ParseDef(std::vector<StmtPtr>& out) {
    auto stmt = std::make_unique<Stmt>(Stmt::Kind::kDef, Take().pos);
    PJ_ASSIGN_OR_RETURN(stmt->name, ExpectName());
    PJ_RETURN_IF_ERROR(ExpectOp("("));
    PJ_RETURN_IF_ERROR(ParseSignature(stmt->sig, ")"));
    PJ_RETURN_IF_ERROR(ExpectOp(")"));
    if (AtOp("->")) return Error(Cur().pos, "annotations are not supported by pyjit's Python subset");
    PJ_RETURN_IF_ERROR(ParseBlock(stmt->body));
    out.push_back(std::move(stmt));
    return absl::OkStatus();
  }

  absl::Status ParseSimpleStatement(std::vector<StmtPtr>& out) {
    const Token& t = Cur();
    if (t.kind == TokenKind::kName) {
      if (const char* why = UnsupportedKeyword(t.text)) return Error(t.pos, why);
      if (t.text == "pass" || t.text == "break" || t.text == "continue") {
        Stmt::Kind kind = t.text == "pass" ? Stmt::Kind::kPass
                          : t.text == "break" ? Stmt::Kind::kBreak
                                              : Stmt::Kind::kContinue;
        out.push_back(std::make_unique<Stmt>(kind, Take().pos));
        return absl::OkStatus();
      }
      if (t.text == "return") {
        auto stmt = std::make_unique<Stmt>(Stmt::Kind::kReturn, Take().pos);
        if (!At(TokenKind::kNewline) && !At(TokenKind::kEnd) && !AtOp(";")) {
          PJ_ASSIGN_OR_RETURN(stmt->value, ParseExprList());
        }
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
      if (t.text == "raise") {
        auto stmt = std::make_unique<Stmt>(Stmt::Kind::kRaise, Take().pos);
        if (!At(TokenKind::kNewline) && !At(TokenKind::kEnd) && !AtOp(";")) {
          PJ_ASSIGN_OR_RETURN(stmt->value, ParseTest());
          if (AtName("from")) {
            return Error(Cur().pos, "'raise ... from' is not supported by pyjit's Python subset");
          }
        }
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
      if (t.text == "yield") {
        auto stmt = std::make_unique<Stmt>(Stmt::Kind::kExpr, t.pos);
        auto yield = std::make_unique<Expr>(Expr::Kind::kYield, Take().pos);
        if (AtName("from")) {
          return Error(Cur().pos, "'yield from' is not supported by pyjit's Python subset");
        }
        if (!At(TokenKind::kNewline) && !At(TokenKind::kEnd) && !AtOp(";")) {
          PJ_ASSIGN_OR_RETURN(ExprPtr value, ParseExprList());
          yield->items.push_back(std::move(value));
        } else {
          yield->items.push_back(nullptr);
        }
        stmt->value = std::move(yield);
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
      if (t.text == "global" || t.text == "nonlocal") {
        auto stmt = std::make_unique<Stmt>(
            t.text == "global" ? Stmt::Kind::kGlobal : Stmt::Kind::kNonlocal, Take().pos);
        while (true) {
          PJ_ASSIGN_OR_RETURN(std::string name, ExpectName());
          stmt->names.push_back(std::move(name));
          if (!AtOp(",")) break;
          ++pos_;
        }
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
      if (t.text == "del") {
        auto stmt = std::make_unique<Stmt>(Stmt::Kind::kDel, Take().pos);
        while (true) {
          PJ_ASSIGN_OR_RETURN(ExprPtr target, ParseOr());
          if (target->kind != Expr::Kind::kSubscript ||
              target->items[1]->kind == Expr::Kind::kSlice) {
            return Error(target->pos,
                         "del of anything but an item (del d[k], del a[i]) is not supported by "
                         "pyjit's Python subset");
          }
          stmt->targets.push_back(std::move(target));
          if (!AtOp(",")) break;
          ++pos_;
          if (At(TokenKind::kNewline) || AtOp(";")) break;
        }
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
      if (t.text == "assert") {
        auto stmt = std::make_unique<Stmt>(Stmt::Kind::kAssert, Take().pos);
        PJ_ASSIGN_OR_RETURN(stmt->value, ParseTest());
        if (AtOp(",")) {
          ++pos_;
          PJ_ASSIGN_OR_RETURN(stmt->message, ParseTest());
        }
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
      if (t.text == "import") {
        Pos pos = Take().pos;
        while (true) {
          Pos name_pos = Cur().pos;
          PJ_ASSIGN_OR_RETURN(std::string name, ExpectName());
          if (AtOp(".")) return Error(Cur().pos, "only 'import math' and 'import time' are supported");
          if (AtName("as")) return Error(Cur().pos, "'import ... as' is not supported by pyjit's Python subset");
          if (name != "math" && name != "time") {
            return Error(name_pos, absl::StrCat("module '", name,
                                                "' is not supported: only 'math' and 'time' are"));
          }
          auto stmt = std::make_unique<Stmt>(Stmt::Kind::kImport, pos);
          stmt->name = std::move(name);
          out.push_back(std::move(stmt));
          if (!AtOp(",")) break;
          ++pos_;
        }
        return absl::OkStatus();
      }
    }
    Pos pos = t.pos;
    PJ_ASSIGN_OR_RETURN(ExprPtr first, ParseExprList());
    if (AtOp("=")) {
      auto stmt = std::make_unique<Stmt>(Stmt::Kind::kAssign, pos);
      stmt->targets.push_back(std::move(first));
      ExprPtr value;
      while (AtOp("=")) {
        ++pos_;
        PJ_ASSIGN_OR_RETURN(value, ParseExprList());
        if (AtOp("=")) stmt->targets.push_back(std::move(value));
      }
      for (const ExprPtr& target : stmt->targets) PJ_RETURN_IF_ERROR(CheckTarget(*target));
      stmt->value = std::move(value);
      out.push_back(std::move(stmt));
      return absl::OkStatus();
    }
    static const std::pair<const char*, BinaryOp> kAugmented[] = {
        {"+=", BinaryOp::kAdd},       {"-=", BinaryOp::kSub},     {"*=", BinaryOp::kMul},
        {"/=", BinaryOp::kTrueDiv},   {"//=", BinaryOp::kFloorDiv}, {"%=", BinaryOp::kMod},
        {"**=", BinaryOp::kPow},      {"<<=", BinaryOp::kLShift}, {">>=", BinaryOp::kRShift},
        {"&=", BinaryOp::kAnd},       {"|=", BinaryOp::kOr},      {"^=", BinaryOp::kXor},
    };
    for (const auto& [symbol, op] : kAugmented) {
      if (AtOp(symbol)) {
        Pos op_pos = Take().pos;
        if (first->kind != Expr::Kind::kName && first->kind != Expr::Kind::kSubscript) {
          if (first->kind == Expr::Kind::kAttribute) {
            return Error(first->pos, "attribute assignment is not supported by pyjit's Python subset");
          }
          return Error(first->pos, "'" + DescribeTarget(*first) +
                                       "' is an illegal expression for augmented assignment");
        }
        (void)op_pos;
        auto stmt = std::make_unique<Stmt>(Stmt::Kind::kAugAssign, pos);
        stmt->binary_op = op;
        stmt->targets.push_back(std::move(first));
        PJ_ASSIGN_OR_RETURN(stmt->value, ParseExprList());
        out.push_back(std::move(stmt));
        return absl::OkStatus();
      }
    }
    if (AtOp(":")) return Error(Cur().pos, "annotations are not supported by pyjit's Python subset");
    if (AtOp("@=")) return Error(Cur().pos, "the '@' operator is not supported");
    auto stmt = std::make_unique<Stmt>(Stmt::Kind::kExpr, pos);
    stmt->value = std::move(first);
    out.push_back(std::move(stmt));
    return absl::OkStatus();
  }

  static std::string DescribeTarget(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kInt:
      case Expr::Kind::kFloat:
      case Expr::Kind::kStr:
      case Expr::Kind::kTrue:
      case Expr::Kind::kFalse:
      case Expr::Kind::kNone:
        return "literal";
      case Expr::Kind::kCall: return "function call";
      case Expr::Kind::kBinary:
      case Expr::Kind::kUnary: return "expression";
      case Expr::Kind::kCompare: return "comparison";
      case Expr::Kind::kBoolOp: return "expression";
      case Expr::Kind::kIfExp: return "conditional expression";
      default: return "expression";
    }
  }

  absl::Status CheckTarget(const Expr& e) const {
    switch (e.kind) {
      case Expr::Kind::kName:
        if (e.name == "__debug__") return Error(e.pos, "cannot assign to __debug__");
        return absl::OkStatus();
      case Expr::Kind::kSubscript:
        if (e.items[1]->kind == Expr::Kind::kSlice) {
          return Error(e.pos, "slice assignment is not supported by pyjit's Python subset");
        }
        return absl::OkStatus();
      case Expr::Kind::kTuple:
      case Expr::Kind::kList:
        for (const ExprPtr& item : e.items) PJ_RETURN_IF_ERROR(CheckTarget(*item));
        return absl::OkStatus();
      case Expr::Kind::kAttribute:
        return Error(e.pos, "attribute assignment is not supported by pyjit's Python subset");
      case Expr::Kind::kTrue:
      case Expr::Kind::kFalse:
      case Expr::Kind::kNone:
        return Error(e.pos, "cannot assign to " + std::string(e.kind == Expr::Kind::kTrue ? "True" : e.kind == Expr::Kind::kFalse ? "False" : "None"));
      default:
        return Error(e.pos, "cannot assign to " + DescribeTarget(e));
    }
  }

  // ---- expressions ----

  bool AtExprEnd() const {
    return At(TokenKind::kNewline) || At(TokenKind::kEnd) || AtOp("=") || AtOp(")") ||
           AtOp("]") || AtOp(":") || AtOp(";") || AtOp("}") ||
           (Cur().kind == TokenKind::kOp && Cur().text.size() >= 2 && Cur().text.back() == '=' &&
            Cur().text != "==" && Cur().text != "<=" && Cur().text != ">=" && Cur().text != "!=");
  }

  // test (',' test)* [','], a tuple when there is a comma.
  absl::StatusOr<ExprPtr> ParseExprList() {
    Pos pos = Cur().pos;
    PJ_ASSIGN_OR_RETURN(ExprPtr first, ParseTestOrStar());
    if (!AtOp(",")) return first;
    auto tuple = std::make_unique<Expr>(Expr::Kind::kTuple, pos);
    tuple->items.push_back(std::move(first));
    while (AtOp(",")) {
      ++pos_;
      if (AtExprEnd() || AtName("in")) break;
      PJ_ASSIGN_OR_RETURN(ExprPtr item, ParseTestOrStar());
      tuple->items.push_back(std::move(item));
    }
    return Measured(std::move(tuple));
  }

  // A `for` target: names, subscripts and tuples of them, stopping at `in`.
  absl::StatusOr<ExprPtr> ParseTargetList() {
    Pos pos = Cur().pos;
    PJ_ASSIGN_OR_RETURN(ExprPtr first, ParseBitOr());
    if (!AtOp(",")) return first;
    auto tuple = std::make_unique<Expr>(Expr::Kind::kTuple, pos);
    tuple->items.push_back(std::move(first));
    while (AtOp(",")) {
      ++pos_;
      if (AtName("in")) break;
      PJ_ASSIGN_OR_RETURN(ExprPtr item, ParseBitOr());
      tuple->items.push_back(std::move(item));
    }
    return Measured(std::move(tuple));
  }

  absl::StatusOr<ExprPtr> ParseTestOrStar() {
    if (AtOp("*")) return Error(Cur().pos, "starred expressions are not supported by pyjit's Python subset");
    return ParseTest();
  }

  absl::StatusOr<ExprPtr> ParseTest() {
    NestingGuard guard(*this);
    if (guard.too_deep()) return Error(Cur().pos, "expression too deeply nested");
    if (AtName("lambda")) return ParseLambda();
    Pos pos = Cur().pos;
    PJ_ASSIGN_OR_RETURN(ExprPtr body, ParseOr());
    if (AtOp(":=")) return Error(Cur().pos, "assignment expressions (:=) are not supported by pyjit's Python subset");
    if (!AtName("if")) return body;
    ++pos_;
    auto e = std::make_unique<Expr>(Expr::Kind::kIfExp, pos);
    PJ_ASSIGN_OR_RETURN(ExprPtr test, ParseOr());
    if (!AtName("else")) return Error(Cur().pos, "expected 'else' after 'if' expression");
    ++pos_;
    PJ_ASSIGN_OR_RETURN(ExprPtr orelse, ParseTest());
    e->items.push_back(std::move(body));
    e->items.push_back(std::move(test));
    e->items.push_back(std::move(orelse));
    return Measured(std::move(e));
  }

  absl::StatusOr<ExprPtr> ParseBoolChain(bool is_or) {
    Pos pos = Cur().pos;
    PJ_ASSIGN_OR_RETURN(ExprPtr first, is_or ? ParseBoolChain(false) : ParseNot());
    const char* word = is_or ? "or" : "and";
    if (!AtName(word)) return first;
    auto e = std::make_unique<Expr>(Expr::Kind::kBoolOp, pos);
    e->is_or = is_or;
    e->items.push_back(std::move(first));
    while (AtName(word)) {
      ++pos_;
      PJ_ASSIGN_OR_RETURN(ExprPtr next, is_or ? ParseBoolChain(false) : ParseNot());
      e->items.push_back(std::move(next));
    }
    return Measured(std::move(e));
  }
  absl::StatusOr<ExprPtr> ParseOr() { return ParseBoolChain(true); }

  absl::StatusOr<ExprPtr> ParseNot() {
    NestingGuard guard(*this);
    if (guard.too_deep()) return Error(Cur().pos, "expression too deeply nested");
    if (AtName("not")) {
      auto e = std::make_unique<Expr>(Expr::Kind::kUnary, Take().pos);
      e->unary_op = UnaryOp::kNot;
      PJ_ASSIGN_OR_RETURN(ExprPtr operand, ParseNot());
      e->items.push_back(std::move(operand));
      return Measured(std::move(e));
    }
    return ParseComparison();
  }

  bool AtCompareOp(CompareOp* op, int* width) const {
    const Token& t = Cur();
    *width = 1;
    if (t.kind == TokenKind::kOp) {
      static const std::pair<const char*, CompareOp> kOps[] = {
          {"<", CompareOp::kLt}, {"<=", CompareOp::kLe}, {"==", CompareOp::kEq},
          {"!=", CompareOp::kNe}, {">", CompareOp::kGt}, {">=", CompareOp::kGe}};
      for (const auto& [symbol, value] : kOps) {
        if (t.text == symbol) {
          *op = value;
          return true;
        }
      }
      return false;
    }
    if (t.kind != TokenKind::kName) return false;
    if (t.text == "in") {
      *op = CompareOp::kIn;
      return true;
    }
    if (t.text == "is") {
      if (Next().kind == TokenKind::kName && Next().text == "not") {
        *op = CompareOp::kIsNot;
        *width = 2;
      } else {
        *op = CompareOp::kIs;
      }
      return true;
    }
    if (t.text == "not" && Next().kind == TokenKind::kName && Next().text == "in") {
      *op = CompareOp::kNotIn;
      *width = 2;
      return true;
    }
    return false;
  }

  absl::StatusOr<ExprPtr> ParseComparison() {
    Pos pos = Cur().pos;
    PJ_ASSIGN_OR_RETURN(ExprPtr first, ParseBitOr());
    CompareOp op;
    int width;
    if (!AtCompareOp(&op, &width)) return first;
    auto e = std::make_unique<Expr>(Expr::Kind::kCompare, pos);
    e->items.push_back(std::move(first));
    while (AtCompareOp(&op, &width)) {
      pos_ += width;
      e->compare_ops.push_back(op);
      PJ_ASSIGN_OR_RETURN(ExprPtr next, ParseBitOr());
      e->items.push_back(std::move(next));
    }
    return Measured(std::move(e));
  }

  using Level = absl::StatusOr<ExprPtr> (Parser::*)();

  // One left-associative binary level: operand (op operand)*.
  absl::StatusOr<ExprPtr> ParseBinaryLevel(
      Level operand, std::initializer_list<std::pair<const char*, BinaryOp>> ops) {
    PJ_ASSIGN_OR_RETURN(ExprPtr left, (this->*operand)());
    while (true) {
      const std::pair<const char*, BinaryOp>* match = nullptr;
      for (const auto& entry : ops) {
        if (AtOp(entry.first)) match = &entry;
      }
      if (match == nullptr) {
        if (AtOp("@")) return Error(Cur().pos, "the '@' operator is not supported");
        return left;
      }
      Pos pos = left->pos;
      ++pos_;
      PJ_ASSIGN_OR_RETURN(ExprPtr right, (this->*operand)());
      auto e = std::make_unique<Expr>(Expr::Kind::kBinary, pos);
      e->binary_op = match->second;
      e->items.push_back(std::move(left));
      e->items.push_back(std::move(right));
      PJ_ASSIGN_OR_RETURN(left, Measured(std::move(e)));
    }
  }

  absl::StatusOr<ExprPtr> ParseBitOr() {
    return ParseBinaryLevel(&Parser::ParseBitXor, {{"|", BinaryOp::kOr}});
  }
  absl::StatusOr<ExprPtr> ParseBitXor() {
    return ParseBinaryLevel(&Parser::ParseBitAnd, {{"^", BinaryOp::kXor}});
  }
  absl::StatusOr<ExprPtr> ParseBitAnd() {
    return ParseBinaryLevel(&Parser::ParseShift, {{"&", BinaryOp::kAnd}});
  }
  absl::StatusOr<ExprPtr> ParseShift() {
    return ParseBinaryLevel(&Parser::ParseArith,
                            {{"<<", BinaryOp::kLShift}, {">>", BinaryOp::kRShift}});
  }
  absl::StatusOr<ExprPtr> ParseArith() {
    return ParseBinaryLevel(&Parser::ParseTerm, {{"+", BinaryOp::kAdd}, {"-", BinaryOp::kSub}});
  }
  absl::StatusOr<ExprPtr> ParseTerm() {
    return ParseBinaryLevel(&Parser::ParseFactor,
                            {{"*", BinaryOp::kMul},
                             {"/", BinaryOp::kTrueDiv},
                             {"//", BinaryOp::kFloorDiv},
                             {"%", BinaryOp::kMod}});
  }

  absl::StatusOr<ExprPtr> ParseFactor() {
    NestingGuard guard(*this);
    if (guard.too_deep()) return Error(Cur().pos, "expression too deeply nested");
    UnaryOp op;
    if (AtOp("-")) {
      op = UnaryOp::kNegative;
    } else if (AtOp("+")) {
      op = UnaryOp::kPositive;
    } else if (AtOp("~")) {
      op = UnaryOp::kInvert;
    } else {
      return ParsePower();
    }
    auto e = std::make_unique<Expr>(Expr::Kind::kUnary, Take().pos);
    e->unary_op = op;
    PJ_ASSIGN_OR_RETURN(ExprPtr operand, ParseFactor());
    e->items.push_back(std::move(operand));
    return Measured(std::move(e));
  }

  absl::StatusOr<ExprPtr> ParsePower() {
    PJ_ASSIGN_OR_RETURN(ExprPtr base, ParsePrimary());
    if (!AtOp("**")) return base;
    ++pos_;
    auto e = std::make_unique<Expr>(Expr::Kind::kBinary, base->pos);
    e->binary_op = BinaryOp::kPow;
    PJ_ASSIGN_OR_RETURN(ExprPtr exponent, ParseFactor());  // right-associative
    e->items.push_back(std::move(base));
    e->items.push_back(std::move(exponent));
    return Measured(std::move(e));
  }

  absl::StatusOr<ExprPtr> ParsePrimary() {
    PJ_ASSIGN_OR_RETURN(ExprPtr e, ParseAtom());
    while (true) {
      if (AtOp("(")) {
        Pos pos = Take().pos;
        auto call = std::make_unique<Expr>(Expr::Kind::kCall, e->pos);
        (void)pos;
        call->items.push_back(std::move(e));
        PJ_RETURN_IF_ERROR(ParseArguments(*call));
        PJ_ASSIGN_OR_RETURN(e, Measured(std::move(call)));
      } else if (AtOp("[")) {
        ++pos_;
        auto sub = std::make_unique<Expr>(Expr::Kind::kSubscript, e->pos);
        sub->items.push_back(std::move(e));
        PJ_ASSIGN_OR_RETURN(ExprPtr index, ParseSubscriptIndex());
        sub->items.push_back(std::move(index));
        PJ_RETURN_IF_ERROR(ExpectOp("]"));
        PJ_ASSIGN_OR_RETURN(e, Measured(std::move(sub)));
      } else if (AtOp(".")) {
        ++pos_;
        auto attr = std::make_unique<Expr>(Expr::Kind::kAttribute, e->pos);
        PJ_ASSIGN_OR_RETURN(attr->name, ExpectName());
        attr->items.push_back(std::move(e));
        PJ_ASSIGN_OR_RETURN(e, Measured(std::move(attr)));
      } else {
        return e;
      }
    }
  }

  // An index, or a slice `start:stop:step` with any part left out.
  absl::StatusOr<ExprPtr> ParseSubscriptIndex() {
    Pos pos = Cur().pos;
    ExprPtr start;
    if (!AtOp(":")) {
      PJ_ASSIGN_OR_RETURN(start, ParseExprList());
      if (!AtOp(":")) return start;
    }
    auto slice = std::make_unique<Expr>(Expr::Kind::kSlice, pos);
    ++pos_;  // ':'
    ExprPtr stop, step;
    if (!AtOp("]") && !AtOp(":")) {
      PJ_ASSIGN_OR_RETURN(stop, ParseTest());
    }
    if (AtOp(":")) {
      ++pos_;
      if (!AtOp("]")) {
        PJ_ASSIGN_OR_RETURN(step, ParseTest());
      }
    }
    slice->items.push_back(std::move(start));
    slice->items.push_back(std::move(stop));
    slice->items.push_back(std::move(step));
    return Measured(std::move(slice));
  }

  // lambda params: body
  absl::StatusOr<ExprPtr> ParseLambda() {
    auto e = std::make_unique<Expr>(Expr::Kind::kLambda, Take().pos);
    PJ_RETURN_IF_ERROR(ParseSignature(e->sig, ":"));
    ++pos_;  // ':'
    PJ_ASSIGN_OR_RETURN(ExprPtr body, ParseTest());
    e->items.push_back(std::move(body));
    return Measured(std::move(e));
  }

  absl::Status ParseArguments(Expr& call) {
    while (!AtOp(")")) {
      if (AtOp("**")) {
        return Error(Cur().pos, "**kwargs is not supported by pyjit's Python subset");
      }
      if (AtOp("*")) {
        if (!call.keywords.empty()) {
          return Error(Cur().pos, "argument unpacking after keyword arguments is not supported "
                                  "by pyjit's Python subset");
        }
        auto starred = std::make_unique<Expr>(Expr::Kind::kStarred, Take().pos);
        PJ_ASSIGN_OR_RETURN(ExprPtr value, ParseTest());
        starred->items.push_back(std::move(value));
        PJ_ASSIGN_OR_RETURN(ExprPtr measured, Measured(std::move(starred)));
        call.items.push_back(std::move(measured));
        if (!AtOp(",")) break;
        ++pos_;
        continue;
      }
      if (At(TokenKind::kName) && Next().kind == TokenKind::kOp && Next().text == "=") {
        Keyword kw;
        kw.pos = Cur().pos;
        kw.name = Take().text;
        ++pos_;  // '='
        for (const Keyword& other : call.keywords) {
          if (other.name == kw.name) {
            return Error(kw.pos, absl::StrCat("keyword argument repeated: ", kw.name));
          }
        }
        PJ_ASSIGN_OR_RETURN(kw.value, ParseTest());
        call.keywords.push_back(std::move(kw));
      } else {
        if (!call.keywords.empty()) {
          return Error(Cur().pos, "positional argument follows keyword argument");
        }
        PJ_ASSIGN_OR_RETURN(ExprPtr arg, ParseTest());
        if (AtName("for")) {
          // f(x for x in xs): the call's only argument, unparenthesized.
          Pos at = arg->pos;
          PJ_ASSIGN_OR_RETURN(arg, ParseGeneratorExp(at, std::move(arg)));
          if (call.items.size() > 1 || AtOp(",") || !call.keywords.empty()) {
            return Error(at, "Generator expression must be parenthesized");
          }
        }
        call.items.push_back(std::move(arg));
      }
      if (!AtOp(",")) break;
      ++pos_;
    }
    return ExpectOp(")");
  }

  absl::StatusOr<ExprPtr> ParseAtom() {
    const Token& t = Cur();
    switch (t.kind) {
      case TokenKind::kInt: {
        auto e = std::make_unique<Expr>(Expr::Kind::kInt, t.pos);
        e->int_base = t.int_base;
        e->name = Take().text;
        return e;
      }
      case TokenKind::kFloat: {
        auto e = std::make_unique<Expr>(Expr::Kind::kFloat, t.pos);
        e->float_value = Take().float_value;
        return e;
      }
      case TokenKind::kString:
      case TokenKind::kFString:
        return ParseStrings();
      case TokenKind::kName: {
        if (t.text == "True" || t.text == "False" || t.text == "None") {
          Expr::Kind kind = t.text == "True"    ? Expr::Kind::kTrue
                            : t.text == "False" ? Expr::Kind::kFalse
                                                : Expr::Kind::kNone;
          return std::make_unique<Expr>(kind, Take().pos);
        }
        if (IsKeyword(t.text)) return Unexpected();
        auto e = std::make_unique<Expr>(Expr::Kind::kName, t.pos);
        e->name = Take().text;
        return e;
      }
      case TokenKind::kOp:
        if (t.text == "(") return ParseParenthesized();
        if (t.text == "[") return ParseListDisplay();
        if (t.text == "{") return ParseBraces();
        if (t.text == "...") return Error(t.pos, "Ellipsis is not supported by pyjit's Python subset");
        return Unexpected();
      default:
        return Unexpected();
    }
  }

  // [element for target in iter if cond ... for ...]
  // `element for ... in ...` (the parentheses are the caller's).
  absl::StatusOr<ExprPtr> ParseGeneratorExp(Pos pos, ExprPtr element) {
    auto gen = std::make_unique<Expr>(Expr::Kind::kGeneratorExp, pos);
    gen->items.push_back(std::move(element));
    PJ_RETURN_IF_ERROR(ParseComprehensionClauses(*gen));
    return Measured(std::move(gen));
  }

  absl::StatusOr<ExprPtr> ParseListComprehension(ExprPtr list, ExprPtr element) {
    auto comp = std::make_unique<Expr>(Expr::Kind::kListComp, list->pos);
    comp->items.push_back(std::move(element));
    PJ_RETURN_IF_ERROR(ParseComprehensionClauses(*comp));
    PJ_RETURN_IF_ERROR(ExpectOp("]"));
    return Measured(std::move(comp));
  }

  // The `for target in iter if cond...` clauses of a comprehension.
  absl::Status ParseComprehensionClauses(Expr& comp) {
    while (AtName("for")) {
      ++pos_;
      ComprehensionClause clause;
      PJ_ASSIGN_OR_RETURN(clause.target, ParseTargetList());
      PJ_RETURN_IF_ERROR(CheckTarget(*clause.target));
      if (!AtName("in")) return Error(Cur().pos, "expected 'in'");
      ++pos_;
      PJ_ASSIGN_OR_RETURN(clause.iter, ParseOr());
      while (AtName("if")) {
        ++pos_;
        PJ_ASSIGN_OR_RETURN(ExprPtr condition, ParseOr());
        clause.conditions.push_back(std::move(condition));
      }
      comp.clauses.push_back(std::move(clause));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ExprPtr> ParseParenthesized() {
    Pos pos = Take().pos;
    if (AtOp(")")) {
      ++pos_;
      return std::make_unique<Expr>(Expr::Kind::kTuple, pos);
    }
    PJ_ASSIGN_OR_RETURN(ExprPtr first, ParseTestOrStar());
    if (AtName("for")) {
      PJ_ASSIGN_OR_RETURN(ExprPtr generator, ParseGeneratorExp(pos, std::move(first)));
      PJ_RETURN_IF_ERROR(ExpectOp(")"));
      return generator;
    }
    if (AtOp(")")) {
      ++pos_;
      return first;  // a parenthesized expression, not a tuple
    }
    auto tuple = std::make_unique<Expr>(Expr::Kind::kTuple, pos);
    tuple->items.push_back(std::move(first));
    while (AtOp(",")) {
      ++pos_;
      if (AtOp(")")) break;
      PJ_ASSIGN_OR_RETURN(ExprPtr item, ParseTestOrStar());
      tuple->items.push_back(std::move(item));
    }
    PJ_RETURN_IF_ERROR(ExpectOp(")"));
    return Measured(std::move(tuple));
  }

  // {a, b, ...} and {x for ...}, after the first item.
  absl::StatusOr<ExprPtr> ParseSet(Pos pos, ExprPtr first) {
    if (AtName("for")) {
      auto comp = std::make_unique<Expr>(Expr::Kind::kSetComp, pos);
      comp->items.push_back(std::move(first));
      PJ_RETURN_IF_ERROR(ParseComprehensionClauses(*comp));
      PJ_RETURN_IF_ERROR(ExpectOp("}"));
      return Measured(std::move(comp));
    }
    auto set = std::make_unique<Expr>(Expr::Kind::kSet, pos);
    set->items.push_back(std::move(first));
    while (AtOp(",")) {
      ++pos_;
      if (AtOp("}")) break;
      PJ_ASSIGN_OR_RETURN(ExprPtr item, ParseTest());
      if (AtOp(":")) return Error(Cur().pos, "invalid syntax at ':'");
      set->items.push_back(std::move(item));
    }
    PJ_RETURN_IF_ERROR(ExpectOp("}"));
    return Measured(std::move(set));
  }

  // {k: v, ...} and {k: v for ...}, or a set (ParseSet).
  absl::StatusOr<ExprPtr> ParseBraces() {
    auto dict = std::make_unique<Expr>(Expr::Kind::kDict, Take().pos);
    while (!AtOp("}")) {
      if (AtOp("**")) {
        return Error(Cur().pos, "'**' in a dict display is not supported by pyjit's Python subset");
      }
      PJ_ASSIGN_OR_RETURN(ExprPtr key, ParseTest());
      if (!AtOp(":") && dict->items.empty()) return ParseSet(dict->pos, std::move(key));
      if (!AtOp(":")) return Error(Cur().pos, "expected ':'");
      ++pos_;
      PJ_ASSIGN_OR_RETURN(ExprPtr value, ParseTest());
      if (AtName("for") && dict->items.empty()) {
        auto comp = std::make_unique<Expr>(Expr::Kind::kDictComp, dict->pos);
        comp->items.push_back(std::move(key));
        comp->items.push_back(std::move(value));
        PJ_RETURN_IF_ERROR(ParseComprehensionClauses(*comp));
        PJ_RETURN_IF_ERROR(ExpectOp("}"));
        return Measured(std::move(comp));
      }
      dict->items.push_back(std::move(key));
      dict->items.push_back(std::move(value));
      if (!AtOp(",")) break;
      ++pos_;
    }
    PJ_RETURN_IF_ERROR(ExpectOp("}"));
    return Measured(std::move(dict));
  }

  absl::StatusOr<ExprPtr> ParseListDisplay() {
    auto list = std::make_unique<Expr>(Expr::Kind::kList, Take().pos);
    while (!AtOp("]")) {
      PJ_ASSIGN_OR_RETURN(ExprPtr item, ParseTestOrStar());
      if (AtName("for") && list->items.empty()) {
        return ParseListComprehension(std::move(list), std::move(item));
      }
      list->items.push_back(std::move(item));
      if (!AtOp(",")) break;
      ++pos_;
    }
    PJ_RETURN_IF_ERROR(ExpectOp("]"));
    return Measured(std::move(list));
  }

  // `e` with its height set from its children's, or the refusal when its
  // statement would be deeper than CPython compiles.
  absl::StatusOr<ExprPtr> Measured(ExprPtr e) {
    int below = 0;
    for (const ExprPtr& item : e->items) {
      if (item != nullptr) below = std::max(below, item->height);
    }
    for (const Keyword& kw : e->keywords) below = std::max(below, kw.value->height);
    for (const ComprehensionClause& clause : e->clauses) {
      below = std::max({below, clause.target->height, clause.iter->height});
      for (const ExprPtr& condition : clause.conditions) below = std::max(below, condition->height);
    }
    e->height = below + 1;
    if (block_depth_ + 1 + e->height > kMaxTreeDepth) {
      return Error(e->pos,
                   "expression nested too deeply: CPython refuses it with \"RecursionError: "
                   "maximum recursion depth exceeded during compilation\"");
    }
    return e;
  }

  // ---- string literals and f-strings ----

  // What adjacent literals make so far: the parts of an f-string, and the
  // literal text not yet made a part.
  struct StringParts {
    std::vector<ExprPtr> items;
    std::string literal;

    void Flush(Pos pos) {
      if (literal.empty()) return;
      auto s = std::make_unique<Expr>(Expr::Kind::kStr, pos);
      s->name = std::move(literal);
      literal.clear();
      items.push_back(std::move(s));
    }
  };

  // Adjacent literals ("a" f"{b}"): one str constant, or when any is an
  // f-string a kJoinedStr of literal text and formatted values.
  absl::StatusOr<ExprPtr> ParseStrings() {
    const Pos pos = Cur().pos;
    StringParts parts;
    bool any_fstring = false;
    while (At(TokenKind::kString) || At(TokenKind::kFString)) {
      const Token& t = Take();
      if (t.kind == TokenKind::kString) {
        parts.literal += t.text;
        continue;
      }
      any_fstring = true;
      PJ_RETURN_IF_ERROR(ParseFStringBody(t, t.text, 0, 0, parts));
    }
    if (!any_fstring) {
      auto e = std::make_unique<Expr>(Expr::Kind::kStr, pos);
      e->name = std::move(parts.literal);
      return e;
    }
    parts.Flush(pos);
    auto e = std::make_unique<Expr>(Expr::Kind::kJoinedStr, pos);
    e->items = std::move(parts.items);
    return e;
  }

  // Where byte `offset` of the f-string `t`'s body is in the source.
  static Pos BodyPos(const Token& t, size_t offset) {
    Pos p = t.body_pos;
    for (size_t k = 0; k < offset && k < t.text.size(); ++k) {
      const unsigned char c = static_cast<unsigned char>(t.text[k]);
      if (c == '\n') {
        ++p.line;
        p.col = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++p.col;
      }
    }
    return p;
  }

  // `body`, which starts at byte `offset` of `t`'s body (all of it, or a
  // field's spec at `depth` 1), into `parts`: CPython 3.11's f-string rules
  // (Parser/string_parser.c), its messages included.
  absl::Status ParseFStringBody(const Token& t, std::string_view body, size_t offset, int depth,
                                StringParts& parts) {
    size_t literal_start = 0;
    auto flush_literal = [&](size_t end) -> absl::Status {
      std::string_view raw = body.substr(literal_start, end - literal_start);
      if (raw.empty()) return absl::OkStatus();
      if (t.raw) {
        parts.literal += raw;
        return absl::OkStatus();
      }
      PJ_ASSIGN_OR_RETURN(std::string decoded,
                          DecodeEscapes(source_, raw, BodyPos(t, offset + literal_start)));
      parts.literal += decoded;
      return absl::OkStatus();
    };
    size_t i = 0;
    while (i < body.size()) {
      const char c = body[i];
      const bool doubled = i + 1 < body.size() && body[i + 1] == c;
      if (c == '{' && !doubled) {
        PJ_RETURN_IF_ERROR(flush_literal(i));
        PJ_ASSIGN_OR_RETURN(i, ParseFStringField(t, body, offset, i + 1, depth, parts));
        literal_start = i;
      } else if (c == '{' || c == '}') {
        if (!doubled) return Error(t.pos, "f-string: single '}' is not allowed");
        PJ_RETURN_IF_ERROR(flush_literal(i + 1));  // one brace of the two
        i += 2;
        literal_start = i;
      } else {
        i += c == '\\' && !t.raw && i + 1 < body.size() && body[i + 1] != '{' ? 2 : 1;
      }
    }
    return flush_literal(body.size());
  }

  // The field whose expression starts at byte `i` of `body`; returns where
  // the text after its '}' starts.
  absl::StatusOr<size_t> ParseFStringField(const Token& t, std::string_view body, size_t offset,
                                           size_t i, int depth, StringParts& parts) {
    if (depth >= 2) return Error(t.pos, "f-string: expressions nested too deeply");
    const size_t start = i;
    std::string brackets;  // the open ones
    char quote = 0;
    bool triple = false;
    for (; i < body.size(); ++i) {
      const char ch = body[i];
      if (ch == '\\') return Error(t.pos, "f-string expression part cannot include a backslash");
      if (quote != 0) {
        if (ch == quote && (!triple || body.substr(i, 3) == std::string(3, quote))) {
          if (triple) i += 2;
          quote = 0;
        }
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        triple = body.substr(i, 3) == std::string(3, ch);
        if (triple) i += 2;
      } else if (ch == '[' || ch == '{' || ch == '(') {
        brackets += ch;
      } else if (ch == '#') {
        return Error(t.pos, "f-string expression part cannot include '#'");
      } else if (brackets.empty() && std::string_view("!:}=<>").find(ch) != std::string_view::npos) {
        if (ch != ':' && ch != '}' && i + 1 < body.size() && body[i + 1] == '=') {
          ++i;  // != == <= >=
          continue;
        }
        if (ch == '<' || ch == '>') continue;
        break;
      } else if (ch == ']' || ch == '}' || ch == ')') {
        if (brackets.empty()) return Error(t.pos, absl::StrCat("f-string: unmatched '", std::string(1, ch), "'"));
        const char open = brackets.back();
        if ((open == '(') != (ch == ')') || (open == '[') != (ch == ']')) {
          return Error(t.pos, absl::StrCat("f-string: closing parenthesis '", std::string(1, ch),
                                           "' does not match opening parenthesis '",
                                           std::string(1, open), "'"));
        }
        brackets.pop_back();
      }
    }
    if (quote != 0) return Error(t.pos, "f-string: unterminated string");
    if (i >= body.size()) return Error(t.pos, "f-string: expecting '}'");
    const std::string_view expr_text = body.substr(start, i - start);
    if (expr_text.find_first_not_of(" \t\n\r\f") == std::string_view::npos) {
      return Error(t.pos, "f-string: empty expression not allowed");
    }
    bool self_documenting = false;
    if (body[i] == '=') {  // f"{x=}" prints "x=" and then the value
      self_documenting = true;
      ++i;
      while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
    }
    const std::string_view debug_text = body.substr(start, i - start);
    char conversion = 0;
    if (i < body.size() && body[i] == '!') {
      if (i + 1 >= body.size()) return Error(t.pos, "f-string: expecting '}'");
      conversion = body[i + 1];
      if (conversion != 's' && conversion != 'r' && conversion != 'a') {
        return Error(t.pos, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      i += 2;
    }
    ExprPtr spec;
    if (i < body.size() && body[i] == ':') {
      const size_t spec_start = ++i;
      for (int open = 0; i < body.size(); ++i) {
        if (body[i] == '{') ++open;
        if (body[i] == '}' && open-- == 0) break;
      }
      if (i >= body.size()) return Error(t.pos, "f-string: expecting '}'");
      StringParts spec_parts;
      PJ_RETURN_IF_ERROR(ParseFStringBody(t, body.substr(spec_start, i - spec_start),
                                          offset + spec_start, depth + 1, spec_parts));
      spec_parts.Flush(t.pos);
      spec = std::make_unique<Expr>(Expr::Kind::kJoinedStr, t.pos);
      spec->items = std::move(spec_parts.items);
    }
    if (i >= body.size() || body[i] != '}') return Error(t.pos, "f-string: expecting '}'");
    ++i;
    // The expression, parsed where it is in the source.
    const std::string wrapped = "(" + std::string(expr_text) + ")";
    const Pos expr_pos = BodyPos(t, offset + start);
    Pos at = expr_pos;
    at.col -= 1;  // where the '(' would be
    // What is not an expression is CPython's "f-string: invalid syntax" (the
    // parentheses around it are ours); a refusal keeps its own words.
    auto invalid = [&](const absl::Status& s) {
      return absl::StrContains(s.message(), "invalid syntax") ||
                     absl::StrContains(s.message(), "never closed")
                 ? Error(expr_pos, "f-string: invalid syntax")
                 : s;
    };
    absl::StatusOr<std::vector<Token>> tokens = TokenizeFragment(source_, wrapped, at);
    if (!tokens.ok()) return invalid(tokens.status());
    Parser fragment(source_, std::move(*tokens));
    fragment.block_depth_ = block_depth_;
    absl::StatusOr<ExprPtr> parsed = fragment.ParseTest();
    if (!parsed.ok()) return invalid(parsed.status());
    ExprPtr value = std::move(*parsed);
    if (!fragment.At(TokenKind::kNewline)) return Error(t.pos, "f-string: invalid syntax");
    if (self_documenting) {
      parts.literal += debug_text;
      if (conversion == 0 && spec == nullptr) conversion = 'r';
    }
    parts.Flush(t.pos);
    auto field = std::make_unique<Expr>(Expr::Kind::kFormattedValue, value->pos);
    field->conversion = conversion;
    field->items.push_back(std::move(value));
    field->items.push_back(std::move(spec));
    parts.items.push_back(std::move(field));
    return i;
  }

  // Counts one level of recursion for as long as it lives.
  class NestingGuard {
   public:
    explicit NestingGuard(Parser& p) : p_(p) { ++p_.nesting_; }
    ~NestingGuard() { --p_.nesting_; }
    bool too_deep() const { return p_.nesting_ > kMaxNesting; }

   private:
    Parser& p_;
  };

  const SourceFile& source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int nesting_ = 0;
  int block_depth_ = 0;  // statements enclosing the one being parsed
};

}  // namespace

absl::StatusOr<Module> Parse(const SourceFile& source) {
  PJ_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(source));
  return Parser(source, std::move(tokens)).ParseModule();
}

}  // namespace pyjit
