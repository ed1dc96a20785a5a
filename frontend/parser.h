// A recursive-descent parser for the subset. Python syntax outside the
// subset is recognised and refused with a position and a reason, so that a
// user learns what is missing rather than that their program is malformed.
#ifndef PYJIT_FRONTEND_PARSER_H_
#define PYJIT_FRONTEND_PARSER_H_

#include "absl/status/statusor.h"
#include "frontend/ast.h"
#include "frontend/source.h"

namespace pyjit {

absl::StatusOr<Module> Parse(const SourceFile& source);

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_PARSER_H_
