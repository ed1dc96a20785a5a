#include "frontend/symtable.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "frontend/status_macros.h"

namespace pyjit {

NameScope FunctionScope::Scope(const std::string& name) const {
  if (is_module) return NameScope::kGlobal;
  auto it = slots.find(name);
  if (it == slots.end()) return NameScope::kGlobal;
  if (cells.contains(name)) return NameScope::kCell;
  if (std::find(free.begin(), free.end(), name) != free.end()) return NameScope::kFree;
  return NameScope::kFast;
}

// What one function's body does with names, found by walking it (pass 1),
// then resolved against the enclosing functions (pass 2).
struct ScopeNode {
  const void* key = nullptr;  // the def or lambda; null for the module
  Pos pos;
  bool is_module = false;
  std::vector<std::string> params;
  std::vector<std::pair<std::string, Pos>> assigned;  // in order, repeats kept
  absl::flat_hash_map<std::string, Pos> first_use;
  absl::flat_hash_set<std::string> globals;
  std::vector<std::pair<std::string, Pos>> nonlocals;
  std::vector<std::unique_ptr<ScopeNode>> children;
  bool yields = false;
  Pos yield_pos;
  // Pass 2.
  absl::flat_hash_set<std::string> locals;
  absl::flat_hash_set<std::string> needed;  // from enclosing scopes, its own and its children's
};

class SymbolTableBuilder {
 public:
  explicit SymbolTableBuilder(const SourceFile& source) : source_(source) {}

  absl::StatusOr<SymbolTable> Build(const Module& module) {
    ScopeNode root;
    root.is_module = true;
    PJ_RETURN_IF_ERROR(Walk(root, module.body));
    PJ_RETURN_IF_ERROR(FindLocals(root));
    SymbolTable table;
    PJ_RETURN_IF_ERROR(Resolve(root, {}, table));
    return table;
  }

 private:
  absl::Status Error(Pos pos, const std::string& message) const {
    return SourceError(source_, pos, message);
  }

  // ---- pass 1: what each body assigns, uses and declares ----

  absl::Status Walk(ScopeNode& n, const std::vector<StmtPtr>& body) {
    for (const StmtPtr& s : body) {
      if (s->kind == Stmt::Kind::kGlobal || s->kind == Stmt::Kind::kNonlocal) {
        PJ_RETURN_IF_ERROR(Declare(n, *s));
        continue;
      }
      for (const ExprPtr& t : s->targets) AssignedBy(*t, n.assigned);
      if (s->kind == Stmt::Kind::kDef || s->kind == Stmt::Kind::kImport) {
        n.assigned.emplace_back(s->name, s->pos);
      }
      for (const ExprPtr& t : s->targets) TargetUses(n, *t);
      if (s->value) Uses(n, *s->value, {});
      if (s->message) Uses(n, *s->message, {});
      if (s->kind == Stmt::Kind::kDef) {
        PJ_RETURN_IF_ERROR(Function(n, s.get(), s->pos, s->sig, [&](ScopeNode& child) {
          return Walk(child, s->body);
        }));
        continue;
      }
      for (const ExceptHandler& h : s->handlers) {
        if (h.type) Uses(n, *h.type, {});
        if (!h.name.empty()) n.assigned.emplace_back(h.name, h.pos);
      }
      absl::Status status = absl::OkStatus();
      ForEachBlock(*s, [&](const std::vector<StmtPtr>& block) {
        if (status.ok()) status = Walk(n, block);
      });
      PJ_RETURN_IF_ERROR(status);
    }
    return absl::OkStatus();
  }

  // CPython's symtable: a use before the declaration is reported first,
  // then an assignment.
  absl::Status Declare(ScopeNode& n, const Stmt& s) {
    const bool global = s.kind == Stmt::Kind::kGlobal;
    const char* what = global ? "global" : "nonlocal";
    if (!global && n.is_module) return Error(s.pos, "nonlocal declaration not allowed at module level");
    for (const std::string& name : s.names) {
      if (n.first_use.contains(name)) {
        return Error(s.pos, absl::StrCat("name '", name, "' is used prior to ", what,
                                         " declaration"));
      }
      for (const auto& [assigned_name, pos] : n.assigned) {
        if (assigned_name == name) {
          return Error(s.pos, absl::StrCat("name '", name, "' is assigned to before ", what,
                                           " declaration"));
        }
      }
      const bool other = global ? std::any_of(n.nonlocals.begin(), n.nonlocals.end(),
                                              [&](const auto& d) { return d.first == name; })
                                : n.globals.contains(name);
      if (other) return Error(s.pos, absl::StrCat("name '", name, "' is nonlocal and global"));
      if (global) {
        n.globals.insert(name);
      } else {
        n.nonlocals.emplace_back(name, s.pos);
      }
    }
    return absl::OkStatus();
  }

  // A def or lambda inside `n`: its defaults are evaluated in `n`, its body
  // (walked by `walk_body`) is a scope of its own.
  template <typename WalkBody>
  absl::Status Function(ScopeNode& n, const void* key, Pos pos, const Signature& sig,
                        WalkBody&& walk_body) {
    for (const Param& p : sig.params) {
      if (p.default_value) Uses(n, *p.default_value, {});
    }
    for (const Param& p : sig.kwonly) {
      if (p.default_value) Uses(n, *p.default_value, {});
    }
    auto child = std::make_unique<ScopeNode>();
    child->key = key;
    child->pos = pos;
    child->params = sig.Names();
    ScopeNode& c = *child;
    n.children.push_back(std::move(child));
    return walk_body(c);
  }

  static void AssignedBy(const Expr& e, std::vector<std::pair<std::string, Pos>>& out) {
    if (e.kind == Expr::Kind::kName) {
      out.emplace_back(e.name, e.pos);
    } else if (e.kind == Expr::Kind::kTuple || e.kind == Expr::Kind::kList) {
      for (const ExprPtr& item : e.items) AssignedBy(*item, out);
    }
  }

  // The names an assignment target reads: not the names it binds, but the
  // containers and indexes of its subscripts.
  void TargetUses(ScopeNode& n, const Expr& e) {
    if (e.kind == Expr::Kind::kName) return;
    if (e.kind == Expr::Kind::kTuple || e.kind == Expr::Kind::kList) {
      for (const ExprPtr& item : e.items) TargetUses(n, *item);
      return;
    }
    Uses(n, e, {});
  }

  // The names `e` reads in `n`, but those a comprehension around them binds
  // (`bound`): the compiler keeps a comprehension's variables in slots of
  // their own.
  void Uses(ScopeNode& n, const Expr& e, absl::flat_hash_set<std::string> bound) {
    switch (e.kind) {
      case Expr::Kind::kName:
        if (!bound.contains(e.name)) n.first_use.try_emplace(e.name, e.pos);
        return;
      case Expr::Kind::kLambda:
        (void)Function(n, &e, e.pos, e.sig, [&](ScopeNode& child) {
          Uses(child, *e.items[0], {});
          return absl::OkStatus();
        });
        return;
      case Expr::Kind::kYield:
        if (!n.yields) n.yield_pos = e.pos;
        n.yields = true;
        if (e.items[0]) Uses(n, *e.items[0], bound);
        return;
      case Expr::Kind::kGeneratorExp: {
        // As CPython's: a generator function of one parameter, the first
        // iterable's iterator, which is evaluated where the expression is.
        Uses(n, *e.clauses[0].iter, bound);
        Signature sig;
        sig.params.push_back(Param{".0", nullptr, e.pos});
        (void)Function(n, &e, e.pos, sig, [&](ScopeNode& child) {
          child.yields = true;
          for (size_t c = 0; c < e.clauses.size(); ++c) {
            const ComprehensionClause& clause = e.clauses[c];
            if (c > 0) Uses(child, *clause.iter, {});
            AssignedBy(*clause.target, child.assigned);
            for (const ExprPtr& cond : clause.conditions) Uses(child, *cond, {});
          }
          Uses(child, *e.items[0], {});
          return absl::OkStatus();
        });
        return;
      }
      case Expr::Kind::kListComp:
      case Expr::Kind::kDictComp:
      case Expr::Kind::kSetComp:
        for (const ComprehensionClause& c : e.clauses) {
          Uses(n, *c.iter, bound);
          std::vector<std::pair<std::string, Pos>> names;
          AssignedBy(*c.target, names);
          for (const auto& [name, pos] : names) bound.insert(name);
          for (const ExprPtr& cond : c.conditions) Uses(n, *cond, bound);
        }
        for (const ExprPtr& item : e.items) Uses(n, *item, bound);
        return;
      default:
        for (const ExprPtr& item : e.items) {
          if (item) Uses(n, *item, bound);
        }
        for (const Keyword& kw : e.keywords) Uses(n, *kw.value, bound);
        return;
    }
  }

  // ---- pass 2: locals, then free variables and cells ----

  // Locals, and the names each scope needs from the ones around it,
  // innermost first.
  absl::Status FindLocals(ScopeNode& n) {
    if (n.is_module && n.yields) return Error(n.yield_pos, "'yield' outside function");
    for (const std::string& p : n.params) {
      if (n.globals.contains(p)) {
        return Error(n.pos, absl::StrCat("name '", p, "' is parameter and global"));
      }
      for (const auto& [name, pos] : n.nonlocals) {
        if (name == p) return Error(pos, absl::StrCat("name '", p, "' is parameter and nonlocal"));
      }
    }
    if (!n.is_module) {
      for (const std::string& p : n.params) n.locals.insert(p);
      for (const auto& [name, pos] : n.assigned) {
        if (!n.globals.contains(name) && !IsNonlocal(n, name)) n.locals.insert(name);
      }
    }
    auto need = [&](const std::string& name) {
      if (!n.locals.contains(name) && !n.globals.contains(name)) n.needed.insert(name);
    };
    for (const auto& [name, pos] : n.first_use) need(name);
    for (const auto& [name, pos] : n.nonlocals) need(name);
    for (auto& child : n.children) {
      PJ_RETURN_IF_ERROR(FindLocals(*child));
      for (const std::string& name : child->needed) need(name);
    }
    return absl::OkStatus();
  }

  static bool IsNonlocal(const ScopeNode& n, const std::string& name) {
    return std::any_of(n.nonlocals.begin(), n.nonlocals.end(),
                       [&](const auto& d) { return d.first == name; });
  }

  // `visible`: the names the enclosing functions bind (none for the
  // module's children: its names are globals).
  absl::Status Resolve(const ScopeNode& n, const absl::flat_hash_set<std::string>& visible,
                       SymbolTable& table) {
    auto scope = std::make_unique<FunctionScope>();
    scope->is_module = n.is_module;
    scope->is_generator = n.yields;
    for (const std::string& name : n.needed) {
      if (visible.contains(name)) scope->free.push_back(name);
    }
    std::sort(scope->free.begin(), scope->free.end());
    for (const auto& [name, pos] : n.nonlocals) {
      if (std::find(scope->free.begin(), scope->free.end(), name) == scope->free.end()) {
        return Error(pos, absl::StrCat("no binding for nonlocal '", name, "' found"));
      }
    }
    auto add_slot = [&](const std::string& name) {
      if (scope->slots.try_emplace(name, scope->slot_names.size()).second) {
        scope->slot_names.push_back(name);
      }
    };
    if (!n.is_module) {
      for (const std::string& p : n.params) add_slot(p);
      for (const auto& [name, pos] : n.assigned) {
        if (n.locals.contains(name)) add_slot(name);
      }
      for (const std::string& name : scope->free) add_slot(name);
    }
    for (const auto& [name, pos] : n.first_use) {
      if (!scope->slots.contains(name) && !n.globals.contains(name)) {
        scope->implicit_globals.insert(name);
      }
    }
    absl::flat_hash_set<std::string> inner_visible;
    if (!n.is_module) {
      inner_visible = n.locals;
      inner_visible.insert(scope->free.begin(), scope->free.end());
    }
    for (const auto& child : n.children) {
      PJ_RETURN_IF_ERROR(Resolve(*child, inner_visible, table));
      for (const std::string& name : table.Of(child->key).free) {
        if (n.locals.contains(name)) scope->cells.insert(name);
      }
    }
    table.scopes_[n.key] = std::move(scope);
    return absl::OkStatus();
  }

  const SourceFile& source_;
};

absl::StatusOr<SymbolTable> SymbolTable::Build(const Module& module, const SourceFile& source) {
  return SymbolTableBuilder(source).Build(module);
}

}  // namespace pyjit
