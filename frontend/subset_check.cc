#include "frontend/subset_check.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "frontend/status_macros.h"
#include "runtime/builtins.h"
#include "runtime/python_names.h"

namespace pyjit {
namespace {

class SubsetChecker {
 public:
  explicit SubsetChecker(const SourceFile& source) : source_(source) {}

  absl::Status Check(const Module& module) {
    CollectBindings(module.body);
    return CheckStmts(module.body);
  }

 private:
  // Every name the program binds anywhere, and for each name the module it
  // was imported as if `import` is all that binds it. A name bound anywhere
  // is not checked as a builtin: deciding which scope a read sees is the
  // compiler's business, and the runtime catches what this lets through.
  void CollectBindings(const std::vector<StmtPtr>& body) {
    for (const StmtPtr& s : body) {
      for (const ExprPtr& t : s->targets) CollectTargets(*t);
      if (s->value) CollectLambdaParams(*s->value);
      if (s->kind == Stmt::Kind::kImport) {
        imported_[s->name] = s->name;
      } else if (s->kind == Stmt::Kind::kDef) {
        bound_.insert(s->name);
        for (const std::string& name : s->sig.Names()) bound_.insert(name);
      }
      for (const std::string& name : s->names) bound_.insert(name);
      for (const ExceptHandler& h : s->handlers) {
        if (!h.name.empty()) bound_.insert(h.name);
      }
      ForEachBlock(*s, [&](const std::vector<StmtPtr>& block) { CollectBindings(block); });
    }
  }
  absl::Status CheckDefaults(const Signature& sig) {
    for (const Param& p : sig.params) {
      if (p.default_value) PJ_RETURN_IF_ERROR(CheckExpr(*p.default_value));
    }
    for (const Param& p : sig.kwonly) {
      if (p.default_value) PJ_RETURN_IF_ERROR(CheckExpr(*p.default_value));
    }
    return absl::OkStatus();
  }

  // A lambda's parameters are bound names too (in its body).
  void CollectLambdaParams(const Expr& e) {
    if (e.kind == Expr::Kind::kLambda) {
      for (const std::string& name : e.sig.Names()) bound_.insert(name);
    }
    for (const ExprPtr& item : e.items) {
      if (item) CollectLambdaParams(*item);
    }
    for (const Keyword& kw : e.keywords) CollectLambdaParams(*kw.value);
    for (const ComprehensionClause& c : e.clauses) {
      CollectLambdaParams(*c.iter);
      for (const ExprPtr& cond : c.conditions) CollectLambdaParams(*cond);
    }
  }

  void CollectTargets(const Expr& e) {
    if (e.kind == Expr::Kind::kName) bound_.insert(e.name);
    if (e.kind == Expr::Kind::kTuple || e.kind == Expr::Kind::kList) {
      for (const ExprPtr& item : e.items) CollectTargets(*item);
    }
  }

  absl::Status Refuse(Pos pos, const std::string& what) {
    return SourceError(source_, pos,
                       what + " is not supported by pyjit's Python subset (CPython has it)");
  }

  absl::Status CheckStmts(const std::vector<StmtPtr>& body) {
    for (const StmtPtr& s : body) {
      for (const ExprPtr& t : s->targets) PJ_RETURN_IF_ERROR(CheckExpr(*t));
      if (s->value) PJ_RETURN_IF_ERROR(CheckExpr(*s->value));
      if (s->message) PJ_RETURN_IF_ERROR(CheckExpr(*s->message));
      PJ_RETURN_IF_ERROR(CheckDefaults(s->sig));
      for (const ExceptHandler& h : s->handlers) {
        if (h.type) PJ_RETURN_IF_ERROR(CheckExpr(*h.type));
      }
      absl::Status status = absl::OkStatus();
      ForEachBlock(*s, [&](const std::vector<StmtPtr>& block) {
        if (status.ok()) status = CheckStmts(block);
      });
      PJ_RETURN_IF_ERROR(status);
    }
    return absl::OkStatus();
  }

  // The type (or module) of `e` where the source fixes it, or "".
  std::string StaticScope(const Expr& e) const {
    switch (e.kind) {
      case Expr::Kind::kStr: return "str";
      case Expr::Kind::kInt: return "int";
      case Expr::Kind::kFloat: return "float";
      case Expr::Kind::kTrue:
      case Expr::Kind::kFalse: return "bool";
      case Expr::Kind::kNone: return "NoneType";
      case Expr::Kind::kList:
      case Expr::Kind::kListComp: return "list";
      case Expr::Kind::kDict:
      case Expr::Kind::kDictComp: return "dict";
      case Expr::Kind::kSet:
      case Expr::Kind::kSetComp: return "set";
      case Expr::Kind::kTuple: return "tuple";
      case Expr::Kind::kName: {
        auto it = imported_.find(e.name);
        return it != imported_.end() && !bound_.contains(e.name) ? it->second : "";
      }
      default: return "";
    }
  }

  absl::Status CheckExpr(const Expr& e) {
    if (e.kind == Expr::Kind::kName && !bound_.contains(e.name) &&
        !imported_.contains(e.name) && LookupBuiltin(e.name).tag == PJ_TAG_UNBOUND &&
        CPythonHas("builtins", e.name)) {
      return Refuse(e.pos, absl::StrCat("the builtin '", e.name, "'"));
    }
    if (e.kind == Expr::Kind::kAttribute) {
      std::string scope = StaticScope(*e.items[0]);
      if (!scope.empty() && !PyjitHasAttribute(scope, e.name) && CPythonHas(scope, e.name)) {
        return Refuse(e.pos, absl::StrCat(scope, ".", e.name));
      }
    }
    if (e.kind == Expr::Kind::kLambda) PJ_RETURN_IF_ERROR(CheckDefaults(e.sig));
    for (const ExprPtr& item : e.items) {
      if (item) PJ_RETURN_IF_ERROR(CheckExpr(*item));
    }
    for (const Keyword& kw : e.keywords) PJ_RETURN_IF_ERROR(CheckExpr(*kw.value));
    for (const ComprehensionClause& c : e.clauses) {
      PJ_RETURN_IF_ERROR(CheckExpr(*c.iter));
      for (const ExprPtr& cond : c.conditions) PJ_RETURN_IF_ERROR(CheckExpr(*cond));
    }
    return absl::OkStatus();
  }

  const SourceFile& source_;
  absl::flat_hash_set<std::string> bound_;
  absl::flat_hash_map<std::string, std::string> imported_;
};

}  // namespace

absl::Status CheckSubset(const Module& module, const SourceFile& source) {
  return SubsetChecker(source).Check(module);
}

}  // namespace pyjit
