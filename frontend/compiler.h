// Compiles a parsed module to tier-1 bytecode, resolving every name to a
// local slot, a global slot or a builtin, and refusing what the subset (or
// Python itself) forbids with `file:line:col: message`.
#ifndef PYJIT_FRONTEND_COMPILER_H_
#define PYJIT_FRONTEND_COMPILER_H_

#include "absl/status/statusor.h"
#include "frontend/ast.h"
#include "frontend/source.h"
#include "runtime/code.h"

namespace pyjit {

absl::StatusOr<Program> Compile(const Module& module, const SourceFile& source);

// Parse and compile in one step.
absl::StatusOr<Program> CompileSource(const SourceFile& source);

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_COMPILER_H_
