// Python tokens for the subset, with INDENT/DEDENT as CPython's tokenizer
// makes them. Everything is checked here that a tokenizer can check.
#ifndef PYJIT_FRONTEND_LEXER_H_
#define PYJIT_FRONTEND_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/source.h"

namespace pyjit {

enum class TokenKind {
  kName,
  kInt,
  kFloat,
  kString,
  kOp,  // operators and punctuation; `text` says which
  kNewline,
  kIndent,
  kDedent,
  kEnd,
};

struct Token {
  TokenKind kind;
  // The name, the operator, a string's decoded value, or an int's digits
  // (no prefix, no underscores) in int_base.
  std::string text;
  Pos pos;
  int int_base = 10;
  double float_value = 0;
};

absl::StatusOr<std::vector<Token>> Tokenize(const SourceFile& source);

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_LEXER_H_
