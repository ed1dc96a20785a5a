#include "frontend/lexer.h"

#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "runtime/bigint.h"
#include "runtime/unicode.h"

namespace pyjit {
namespace {

// Longest first, so that `**=` wins over `**` and `*`.
constexpr std::string_view kOperators[] = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "<<", ">>", "<=", ">=", "==",
    "!=",  "->",  "+=",  "-=",  "*=",  "/=", "%=", "&=", "|=", "^=", ":=", "@=",
    "+",   "-",   "*",   "/",   "%",   "&",  "|",  "^",  "~",  "<",  ">",  "(",
    ")",   "[",   "]",   "{",   "}",   ",",  ":",  ".",  ";",  "=",  "@",
};

bool IsNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsNameChar(unsigned char c) { return IsNameStart(c) || std::isdigit(c); }

class Lexer {
 public:
  explicit Lexer(const SourceFile& source) : source_(source), text_(source.text) {}
  // A fragment of `source` at `start`.
  Lexer(const SourceFile& source, std::string_view text, Pos start)
      : source_(source), text_(text), line_(start.line), col_(start.col) {}

  absl::StatusOr<std::string> DecodeAll() {
    std::string value;
    while (i_ < text_.size()) {
      if (text_[i_] == '\\') {
        absl::Status s = LexEscape(value);
        if (!s.ok()) return s;
        continue;
      }
      value += text_[i_];
      Advance();
    }
    return value;
  }

  absl::StatusOr<std::vector<Token>> Run() {
    indents_.push_back(0);
    alt_indents_.push_back(0);
    bool at_line_start = true;
    while (true) {
      if (at_line_start && depth_ == 0) {
        absl::Status s = HandleIndentation();
        if (!s.ok()) return s;
        at_line_start = false;
        if (i_ >= text_.size()) break;
      }
      if (i_ >= text_.size()) break;
      char c = text_[i_];
      if (c == ' ' || c == '\t' || c == '\f') {
        Advance();
        continue;
      }
      if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') Advance();
        continue;
      }
      if (c == '\\') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') {
          Advance();
          Advance();
          continue;
        }
        if (i_ + 2 < text_.size() && text_[i_ + 1] == '\r' && text_[i_ + 2] == '\n') {
          Advance();
          Advance();
          Advance();
          continue;
        }
        return Error(Here(), "unexpected character after line continuation character");
      }
      if (c == '\n' || c == '\r') {
        Pos pos = Here();
        if (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') Advance();
        Advance();
        if (depth_ == 0) {
          if (!tokens_.empty() && tokens_.back().kind != TokenKind::kNewline) {
            Push(TokenKind::kNewline, "", pos);
          }
          at_line_start = true;
        }
        continue;
      }
      absl::Status s = LexToken();
      if (!s.ok()) return s;
    }
    if (depth_ > 0) return Error(open_brackets_.back(), "'(' was never closed");
    if (!tokens_.empty() && tokens_.back().kind != TokenKind::kNewline) {
      Push(TokenKind::kNewline, "", Here());
    }
    while (indents_.size() > 1) {
      indents_.pop_back();
      Push(TokenKind::kDedent, "", Here());
    }
    Push(TokenKind::kEnd, "", Here());
    return std::move(tokens_);
  }

 private:
  Pos Here() const { return Pos{line_, col_}; }

  void Advance() {
    if (text_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(text_[i_]) & 0xC0) != 0x80) {
      ++col_;  // columns count characters, not UTF-8 bytes
    }
    ++i_;
  }

  char Peek(size_t ahead = 0) const {
    return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0';
  }

  absl::Status Error(Pos pos, absl::string_view message) {
    return SourceError(source_, pos, message);
  }

  Token& Push(TokenKind kind, std::string text, Pos pos) {
    tokens_.push_back(Token{kind, std::move(text), pos});
    return tokens_.back();
  }

  // At the start of a logical line: skips blank and comment lines, then
  // compares the indentation with the stack of open blocks. As CPython's
  // tokenizer, it measures each line twice, with tabs to multiples of 8 and
  // with tabs as one column; when the two measures order the line
  // differently against the open blocks, tabs and spaces are mixed in a way
  // whose meaning depends on the tab size: a TabError.
  absl::Status HandleIndentation() {
    while (true) {
      int width = 0, alt_width = 0;
      while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t' ||
                                   text_[i_] == '\f')) {
        if (text_[i_] == '\t') {
          width = (width / 8 + 1) * 8;
          ++alt_width;
        } else if (text_[i_] == ' ') {
          ++width;
          ++alt_width;
        } else {
          width = alt_width = 0;  // a form feed resets the count, as in CPython
        }
        Advance();
      }
      if (i_ >= text_.size()) return absl::OkStatus();
      char c = text_[i_];
      if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') Advance();
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (c == '\r' && Peek(1) == '\n') Advance();
        Advance();
        continue;
      }
      if (c == '\\' && (Peek(1) == '\n')) {
        return Error(Here(), "line continuation at the start of a line is not supported");
      }
      constexpr const char* kTabError = "TabError: inconsistent use of tabs and spaces in indentation";
      if (width == indents_.back()) {
        if (alt_width != alt_indents_.back()) return Error(Here(), kTabError);
      } else if (width > indents_.back()) {
        if (alt_width <= alt_indents_.back()) return Error(Here(), kTabError);
        if (tokens_.empty()) return Error(Here(), "unexpected indent");
        // CPython's MAXINDENT: 100 levels, the outermost (column 0) included.
        if (indents_.size() >= 100) {
          return Error(Here(), "IndentationError: too many levels of indentation");
        }
        indents_.push_back(width);
        alt_indents_.push_back(alt_width);
        Push(TokenKind::kIndent, "", Here());
      } else {
        while (indents_.size() > 1 && width < indents_.back()) {
          indents_.pop_back();
          alt_indents_.pop_back();
          Push(TokenKind::kDedent, "", Here());
        }
        if (width != indents_.back()) {
          return Error(Here(), "unindent does not match any outer indentation level");
        }
        if (alt_width != alt_indents_.back()) return Error(Here(), kTabError);
      }
      return absl::OkStatus();
    }
  }

  absl::Status LexToken() {
    Pos pos = Here();
    unsigned char c = static_cast<unsigned char>(text_[i_]);
    if (std::isdigit(c) || (c == '.' && std::isdigit(static_cast<unsigned char>(Peek(1))))) {
      return LexNumber();
    }
    if (IsNameStart(c)) {
      size_t start = i_;
      while (i_ < text_.size() && IsNameChar(static_cast<unsigned char>(text_[i_]))) {
        Advance();
      }
      std::string name(text_.substr(start, i_ - start));
      if (i_ < text_.size() && (text_[i_] == '\'' || text_[i_] == '"') && name.size() <= 2) {
        std::string prefix = absl::AsciiStrToLower(name);
        if (prefix == "r" || prefix == "u") return LexString(pos, prefix == "r");
        if (prefix == "f" || prefix == "rf" || prefix == "fr") {
          return LexString(pos, /*raw=*/true, /*fstring=*/true, prefix != "f");
        }
        if (prefix.find('b') != std::string::npos) {
          return Error(pos, "bytes literals are not supported by pyjit's Python subset");
        }
      }
      for (unsigned char ch : name) {
        if (ch >= 0x80) return Error(pos, "non-ASCII identifiers are not supported");
      }
      Push(TokenKind::kName, std::move(name), pos);
      return absl::OkStatus();
    }
    if (c == '\'' || c == '"') return LexString(pos, /*raw=*/false);
    for (std::string_view op : kOperators) {
      if (text_.substr(i_, op.size()) == op) {
        for (size_t k = 0; k < op.size(); ++k) Advance();
        if (op == "(" || op == "[" || op == "{") {
          ++depth_;
          open_brackets_.push_back(pos);
        } else if (op == ")" || op == "]" || op == "}") {
          if (depth_ == 0) return Error(pos, absl::StrCat("unmatched '", std::string(op), "'"));
          --depth_;
          open_brackets_.pop_back();
        }
        Push(TokenKind::kOp, std::string(op), pos);
        return absl::OkStatus();
      }
    }
    return Error(pos, absl::StrCat("invalid character '", std::string(1, c), "'"));
  }

  // Digits with single underscores between them.
  absl::Status ReadDigits(std::string& out, int (*is_digit)(int)) {
    bool last_underscore = false;
    bool any = false;
    while (i_ < text_.size()) {
      char c = text_[i_];
      if (c == '_') {
        if (!any || last_underscore) return Error(Here(), "invalid decimal literal");
        last_underscore = true;
      } else if (is_digit(static_cast<unsigned char>(c))) {
        out += c;
        last_underscore = false;
        any = true;
      } else {
        break;
      }
      Advance();
    }
    if (last_underscore) return Error(Here(), "invalid decimal literal");
    return absl::OkStatus();
  }

  static int IsBinDigit(int c) { return c == '0' || c == '1'; }
  static int IsOctDigit(int c) { return c >= '0' && c <= '7'; }

  absl::Status LexNumber() {
    Pos pos = Here();
    char c0 = text_[i_];
    char c1 = static_cast<char>(std::tolower(static_cast<unsigned char>(Peek(1))));
    if (c0 == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) {
      int base = c1 == 'x' ? 16 : (c1 == 'o' ? 8 : 2);
      Advance();
      Advance();
      if (Peek() == '_') Advance();  // 0x_ff is valid
      std::string digits;
      absl::Status s = ReadDigits(digits, base == 16 ? isxdigit : (base == 8 ? IsOctDigit : IsBinDigit));
      if (!s.ok()) return s;
      if (digits.empty() || IsNameChar(static_cast<unsigned char>(Peek()))) {
        return Error(pos, absl::StrCat("invalid ", base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary", " literal"));
      }
      return PushInt(pos, digits, base);
    }
    std::string number;
    absl::Status s = ReadDigits(number, isdigit);
    if (!s.ok()) return s;
    bool is_float = false;
    if (Peek() == '.') {
      is_float = true;
      number += '.';
      Advance();
      if (std::isdigit(static_cast<unsigned char>(Peek()))) {
        s = ReadDigits(number, isdigit);
        if (!s.ok()) return s;
      }
    }
    if (Peek() == 'e' || Peek() == 'E') {
      char sign = Peek(1);
      size_t digit_at = (sign == '+' || sign == '-') ? 2 : 1;
      if (std::isdigit(static_cast<unsigned char>(Peek(digit_at)))) {
        is_float = true;
        number += 'e';
        Advance();
        if (digit_at == 2) {
          number += sign;
          Advance();
        }
        s = ReadDigits(number, isdigit);
        if (!s.ok()) return s;
      }
    }
    if (Peek() == 'j' || Peek() == 'J') {
      return Error(pos, "complex numbers are not supported by pyjit's Python subset");
    }
    if (IsNameChar(static_cast<unsigned char>(Peek()))) {
      return Error(pos, "invalid decimal literal");
    }
    if (is_float) {
      Token& t = Push(TokenKind::kFloat, number, pos);
      t.float_value = std::strtod(number.c_str(), nullptr);
      return absl::OkStatus();
    }
    if (number.size() > 1 && number[0] == '0' &&
        number.find_first_not_of('0') != std::string::npos) {
      return Error(pos,
                   "leading zeros in decimal integer literals are not permitted; "
                   "use an 0o prefix for octal integers");
    }
    return PushInt(pos, number, 10);
  }

  absl::Status PushInt(Pos pos, const std::string& digits, int base) {
    size_t significant = digits.size() - std::min(digits.find_first_not_of('0'), digits.size());
    if (base == 10 && significant > static_cast<size_t>(kMaxStrDigits)) {
      return Error(pos, absl::StrCat("Exceeds the limit (", kMaxStrDigits,
                                     " digits) for integer string conversion: value has ",
                                     significant, " digits"));
    }
    Token& t = Push(TokenKind::kInt, digits, pos);
    t.int_base = base;
    return absl::OkStatus();
  }

  // An f-string is read as a raw string (a backslash keeps what follows it)
  // and its body kept as written: the parser decodes it, fields and all.
  absl::Status LexString(Pos pos, bool raw, bool fstring = false, bool fstring_raw = false) {
    char quote = text_[i_];
    bool triple = Peek(1) == quote && Peek(2) == quote;
    for (int k = 0; k < (triple ? 3 : 1); ++k) Advance();
    const Pos body_pos = Here();
    std::string value;
    while (true) {
      if (i_ >= text_.size()) {
        return Error(pos, triple ? "unterminated triple-quoted string literal"
                                 : "unterminated string literal");
      }
      char c = text_[i_];
      if (c == quote) {
        if (!triple) {
          Advance();
          break;
        }
        if (Peek(1) == quote && Peek(2) == quote) {
          Advance();
          Advance();
          Advance();
          break;
        }
      }
      if (c == '\n' && !triple) return Error(pos, "unterminated string literal");
      if (c == '\\') {
        if (raw) {
          value += c;
          Advance();
          if (i_ < text_.size()) {
            value += text_[i_];
            Advance();
          }
          continue;
        }
        absl::Status s = LexEscape(value);
        if (!s.ok()) return s;
        continue;
      }
      value += c;
      Advance();
    }
    Token& token = Push(fstring ? TokenKind::kFString : TokenKind::kString, std::move(value), pos);
    token.raw = fstring_raw;
    token.body_pos = body_pos;
    return absl::OkStatus();
  }

  absl::Status LexEscape(std::string& value) {
    Pos pos = Here();
    Advance();  // the backslash
    if (i_ >= text_.size()) return Error(pos, "unterminated string literal");
    char c = text_[i_];
    Advance();
    switch (c) {
      case '\n': return absl::OkStatus();
      case '\\': value += '\\'; return absl::OkStatus();
      case '\'': value += '\''; return absl::OkStatus();
      case '"': value += '"'; return absl::OkStatus();
      case 'a': value += '\a'; return absl::OkStatus();
      case 'b': value += '\b'; return absl::OkStatus();
      case 'f': value += '\f'; return absl::OkStatus();
      case 'n': value += '\n'; return absl::OkStatus();
      case 'r': value += '\r'; return absl::OkStatus();
      case 't': value += '\t'; return absl::OkStatus();
      case 'v': value += '\v'; return absl::OkStatus();
      case 'x':
      case 'u':
      case 'U': {
        int n = c == 'x' ? 2 : (c == 'u' ? 4 : 8);
        uint32_t cp = 0;
        for (int k = 0; k < n; ++k) {
          char h = Peek();
          if (!std::isxdigit(static_cast<unsigned char>(h))) {
            return Error(pos, absl::StrCat("truncated \\", std::string(1, c), " escape"));
          }
          cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                              ? h - '0'
                              : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
          Advance();
        }
        if (cp > 0x10FFFF) return Error(pos, "illegal Unicode character");
        AppendUtf8(value, cp);
        return absl::OkStatus();
      }
      case 'N':
        return Error(pos, "\\N{...} escapes are not supported");
      default:
        if (c >= '0' && c <= '7') {
          uint32_t cp = c - '0';
          for (int k = 0; k < 2 && Peek() >= '0' && Peek() <= '7'; ++k) {
            cp = cp * 8 + (Peek() - '0');
            Advance();
          }
          AppendUtf8(value, cp);
          return absl::OkStatus();
        }
        value += '\\';  // unknown escapes stay as written, as in Python
        value += c;
        return absl::OkStatus();
    }
  }

  const SourceFile& source_;
  std::string_view text_;
  size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
  int depth_ = 0;
  std::vector<Pos> open_brackets_;
  std::vector<int> indents_;      // open blocks' columns, tabs to multiples of 8
  std::vector<int> alt_indents_;  // the same with tabs as one column
  std::vector<Token> tokens_;
};

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(const SourceFile& source) {
  return Lexer(source).Run();
}

absl::StatusOr<std::vector<Token>> TokenizeFragment(const SourceFile& source,
                                                    std::string_view text, Pos start) {
  return Lexer(source, text, start).Run();
}

absl::StatusOr<std::string> DecodeEscapes(const SourceFile& source, std::string_view body,
                                          Pos start) {
  return Lexer(source, body, start).DecodeAll();
}

}  // namespace pyjit
