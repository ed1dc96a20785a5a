#include "frontend/source_decoding.h"

#include <errno.h>
#include <iconv.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace pyjit {
namespace {

// Line and column (from 1, columns in bytes) of byte `offset`.
Pos PosOf(std::string_view text, size_t offset) {
  Pos pos;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.col = 1;
    } else {
      ++pos.col;
    }
  }
  return pos;
}

// The length of the valid UTF-8 sequence at `i`, or 0 when it is not one
// (overlong forms, surrogates and code points past U+10FFFF included).
size_t Utf8SequenceAt(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogates
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 >= 0x90) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// The offset of the first byte that is not valid UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceAt(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// The encoding a `coding[:=]` comment on this line declares, or "".
// CPython's pattern: ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)
std::string DeclaredCoding(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) ++i;
  if (i >= line.size() || line[i] != '#') return "";
  for (size_t at = line.find("coding", i); at != std::string_view::npos;
       at = line.find("coding", at + 1)) {
    size_t k = at + 6;
    if (k >= line.size() || (line[k] != ':' && line[k] != '=')) continue;
    ++k;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    size_t start = k;
    while (k < line.size() && (std::isalnum(static_cast<unsigned char>(line[k])) ||
                               line[k] == '-' || line[k] == '_' || line[k] == '.')) {
      ++k;
    }
    if (k > start) return std::string(line.substr(start, k - start));
  }
  return "";
}

// Whether the line holds nothing but white space and maybe a comment: only
// then may the declaration be on the next line.
bool BlankOrComment(std::string_view line) {
  for (char c : line) {
    if (c == '#') return true;
    if (c != ' ' && c != '\t' && c != '\f' && c != '\r') return false;
  }
  return true;
}

// CPython's get_normal_name: the spellings of UTF-8 and Latin-1 it knows.
std::string NormalName(const std::string& declared) {
  std::string name = absl::AsciiStrToLower(absl::StrReplaceAll(declared, {{"_", "-"}}));
  auto is = [&](std::string_view base) {
    return name == base || (name.size() > base.size() && name.compare(0, base.size(), base) == 0 &&
                            name[base.size()] == '-');
  };
  if (is("utf-8")) return "utf-8";
  if (is("latin-1") || is("iso-8859-1") || is("iso-latin-1")) return "iso-8859-1";
  return declared;
}

bool IsUtf8Name(const std::string& name) {
  std::string n = absl::AsciiStrToLower(absl::StrReplaceAll(name, {{"_", "-"}}));
  return n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001";
}

// `bytes` in `encoding` as UTF-8 through glibc's iconv.
absl::StatusOr<std::string> Transcode(const std::string& bytes, const std::string& encoding,
                                      size_t* bad_offset) {
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return absl::NotFoundError(encoding);
  }
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {
    *bad_offset = bytes.size() - in_left;
    return absl::InvalidArgumentError("undecodable");
  }
  out.resize(out.size() - out_left);
  return out;
}

absl::Status Refusal(const std::string& path, std::string_view text, size_t offset,
                     const std::string& message) {
  return SourceError(SourceFile{path, ""}, PosOf(text, offset), message);
}

}  // namespace

absl::StatusOr<SourceFile> DecodeSource(const std::string& path, const std::string& bytes) {
  std::string_view text = bytes;
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return Refusal(path, text, nul, "source code cannot contain null bytes");
  }
  const bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) text.remove_prefix(3);

  size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  std::string declared = DeclaredCoding(first);
  size_t declared_line_start = 0;
  if (declared.empty() && first_end != std::string_view::npos && BlankOrComment(first)) {
    size_t second_end = text.find('\n', first_end + 1);
    declared = DeclaredCoding(text.substr(first_end + 1, second_end == std::string_view::npos
                                                             ? std::string_view::npos
                                                             : second_end - first_end - 1));
    declared_line_start = first_end + 1;
  }
  std::string encoding = declared.empty() ? "utf-8" : NormalName(declared);

  if (IsUtf8Name(encoding)) {
    if (size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
      std::string message =
          declared.empty()
              ? absl::StrFormat("Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, "
                                "but no encoding declared; see "
                                "https://peps.python.org/pep-0263/ for details",
                                static_cast<unsigned char>(text[bad]), path, PosOf(text, bad).line)
              : absl::StrFormat("(unicode error) 'utf-8' codec can't decode byte 0x%02x",
                                static_cast<unsigned char>(text[bad]));
      return Refusal(path, text, bad, message);
    }
    return SourceFile{path, std::string(text)};
  }
  if (bom) {
    return Refusal(path, text, declared_line_start,
                   absl::StrCat("encoding problem: ", encoding, " with BOM"));
  }
  size_t bad = 0;
  absl::StatusOr<std::string> decoded = Transcode(std::string(text), encoding, &bad);
  if (!decoded.ok() && absl::IsNotFound(decoded.status())) {
    decoded = Transcode(std::string(text), absl::StrReplaceAll(encoding, {{"_", "-"}}), &bad);
  }
  if (!decoded.ok()) {
    if (absl::IsNotFound(decoded.status())) {
      return Refusal(path, text, declared_line_start,
                     absl::StrCat("encoding problem: ", declared));
    }
    return Refusal(path, text, bad,
                   absl::StrFormat("(unicode error) '%s' codec can't decode byte 0x%02x",
                                   declared, static_cast<unsigned char>(text[bad])));
  }
  return SourceFile{path, std::move(*decoded)};
}

absl::StatusOr<SourceFile> ReadSource(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat("can't open file '", path, "': [Errno ", errno,
                                            "] ", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("can't run '", path, "': it is a directory, not a Python file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("can't open file '", path, "'"));
  std::stringstream bytes;
  bytes << in.rdbuf();
  return DecodeSource(path, bytes.str());
}

}  // namespace pyjit
