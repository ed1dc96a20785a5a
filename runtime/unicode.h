// The Unicode facts the runtime needs (printable for repr, decimal digits
// and white space for int(), the classes and case mappings of str's
// methods), generated at build time from the
// python3 that is the project's oracle (make_unicode_tables.py), so that
// both agree on every code point.
#ifndef PYJIT_RUNTIME_UNICODE_H_
#define PYJIT_RUNTIME_UNICODE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pyjit {

// The code point at `*at` in valid UTF-8 text; advances `*at` past it.
uint32_t NextCodePoint(std::string_view utf8, size_t* at);

bool IsPrintable(uint32_t cp);  // str.isprintable(): what repr() leaves as it is
// str.isspace(). ASCII inline, without the table (split() asks for every
// character; a call per character was 6% of word_count).
bool IsSpaceBeyondAscii(uint32_t cp);
inline bool IsSpace(uint32_t cp) {
  // \t to \r, the four separators 0x1C to 0x1F, and the space.
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  return IsSpaceBeyondAscii(cp);
}
int DecimalValue(uint32_t cp);  // 0..9 for a decimal digit (str.isdecimal()), else -1
bool IsAlpha(uint32_t cp);      // str.isalpha()
bool IsDigit(uint32_t cp);      // str.isdigit(): decimal digits and others ('²')

// Appends `cp` as UTF-8.
void AppendUtf8(std::string& out, uint32_t cp);

// How many code points `utf8` has, and its first `n` of them.
int64_t CountCodePoints(std::string_view utf8);
std::string_view FirstCodePoints(std::string_view utf8, int64_t n);

// str.upper() and str.lower() of the whole text (full case mapping; lower()
// gives a capital sigma its final form where CPython does).
std::string Upper(std::string_view utf8);
std::string Lower(std::string_view utf8);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_UNICODE_H_
