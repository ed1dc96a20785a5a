// Refuses, before a program runs, what CPython has and pyjit's subset does
// not where the source alone shows it: a builtin pyjit lacks (`sorted`), an
// attribute of a module or of a literal's type (`math.log`, `"a".upper()`),
// and `%` formatting of a str literal. Where the receiver's type is not
// known statically the runtime says the same when it gets there
// (ExcKind::kUnsupported, exit 2), instead of an error CPython would not
// raise.
#ifndef PYJIT_FRONTEND_SUBSET_CHECK_H_
#define PYJIT_FRONTEND_SUBSET_CHECK_H_

#include "absl/status/status.h"
#include "frontend/ast.h"
#include "frontend/source.h"

namespace pyjit {

absl::Status CheckSubset(const Module& module, const SourceFile& source);

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_SUBSET_CHECK_H_
