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
  kFString,  // an f-string: `text` is its body as written, escapes and fields undecoded
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
  // An f-string's: whether it is raw (rf"..."), and where its body starts.
  bool raw = false;
  Pos body_pos;
};

absl::StatusOr<std::vector<Token>> Tokenize(const SourceFile& source);

// The tokens of `text`, a fragment of `source` that starts at `start` (an
// f-string's expression), with the positions it has there.
absl::StatusOr<std::vector<Token>> TokenizeFragment(const SourceFile& source,
                                                    std::string_view text, Pos start);

// A string literal's body with its escapes decoded, as the lexer decodes a
// plain string's (`start`: where the body is, for errors).
absl::StatusOr<std::string> DecodeEscapes(const SourceFile& source, std::string_view body,
                                          Pos start);

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_LEXER_H_
