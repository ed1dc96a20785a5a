// Which scope each name of each function belongs to, decided for the whole
// program before any code is compiled, as CPython's symtable does: a
// function's locals are its parameters and the names it assigns (unless
// declared `global` or `nonlocal`); a name it only reads is a free
// variable when an enclosing function has it as a local, a global
// otherwise; an enclosing function's local that an inner function uses is
// a cell. The module's names are all globals.
#ifndef PYJIT_FRONTEND_SYMTABLE_H_
#define PYJIT_FRONTEND_SYMTABLE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "frontend/ast.h"
#include "frontend/source.h"

namespace pyjit {

enum class NameScope {
  kGlobal,  // the module's (or a builtin)
  kFast,    // a local in its frame slot
  kCell,    // a local an inner function uses: its slot holds a cell
  kFree,    // an enclosing function's cell, copied into a slot at the call
};

// One function's (or the module's) names.
struct FunctionScope {
  bool is_module = false;
  bool is_generator = false;  // its body yields (a generator expression's does)
  // The frame's slots: parameters (positional, keyword-only, *args), the
  // other locals in the order they are first assigned, then the free
  // variables in name order (the order of the closure a def builds).
  std::vector<std::string> slot_names;
  absl::flat_hash_map<std::string, int> slots;
  absl::flat_hash_set<std::string> cells;
  std::vector<std::string> free;
  // Names the function reads that resolve to globals without a `global`
  // declaration (what a comprehension's variable must not be, see the
  // compiler).
  absl::flat_hash_set<std::string> implicit_globals;

  NameScope Scope(const std::string& name) const;
  int Slot(const std::string& name) const { return slots.at(name); }
};

class SymbolTable {
 public:
  // Refuses what CPython's symtable refuses (`global` after a use, a
  // `nonlocal` with no binding, ...), with CPython's messages.
  static absl::StatusOr<SymbolTable> Build(const Module& module, const SourceFile& source);

  // The module's scope, and a def's (a Stmt) or a lambda's (an Expr).
  const FunctionScope& ModuleScope() const { return *scopes_.at(nullptr); }
  const FunctionScope& Of(const void* function) const { return *scopes_.at(function); }

 private:
  absl::flat_hash_map<const void*, std::unique_ptr<FunctionScope>> scopes_;
  friend class SymbolTableBuilder;
};

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_SYMTABLE_H_
