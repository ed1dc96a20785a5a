// A source file and positions in it. Every frontend error names a position
// as `file:line:col: message` (line and column from 1, as editors count).
#ifndef PYJIT_FRONTEND_SOURCE_H_
#define PYJIT_FRONTEND_SOURCE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace pyjit {

struct Pos {
  int line = 1;
  int col = 1;
};

struct SourceFile {
  std::string path;  // as the user named it
  std::string text;
};

inline absl::Status SourceError(const SourceFile& file, Pos pos,
                                absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat(file.path, ":", pos.line, ":", pos.col, ": ", message));
}

}  // namespace pyjit

#endif  // PYJIT_FRONTEND_SOURCE_H_
