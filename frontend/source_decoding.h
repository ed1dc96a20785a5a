// From a file's bytes to the UTF-8 text the lexer reads, as CPython's
// tokenizer decodes source (PEP 263, PEP 3120): a UTF-8 byte-order mark, a
// `coding` declaration on the first or second line, UTF-8 otherwise; a NUL
// byte or an undecodable byte is refused with its position.
#ifndef PYJIT_FRONTEND_SOURCE_DECODING_H_
#define PYJIT_FRONTEND_SOURCE_DECODING_H_

#include <string>

#include "absl/status/statusor.h"
#include "frontend/source.h"

namespace pyjit {

// `bytes` (a file's contents) decoded; errors read `path:line:col: message`.
absl::StatusOr<SourceFile> DecodeSource(const std::string& path, const std::string& bytes);

// Reads and decodes the file at `path`; a directory or an unreadable file is
// an error that names it.
absl::StatusOr<SourceFile> ReadSource(const std::string& path);

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_SOURCE_DECODING_H_
