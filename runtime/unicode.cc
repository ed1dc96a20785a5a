#include "runtime/unicode.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace pyjit {
namespace {

struct UnicodeRange {
  uint32_t first, last;
};

struct CaseMapping {
  uint32_t cp;
  const char* utf8;  // what it becomes
};

#include "runtime/unicode_tables.inc"

template <size_t N>
bool InRanges(const UnicodeRange (&ranges)[N], uint32_t cp) {
  auto it = std::upper_bound(std::begin(ranges), std::end(ranges), cp,
                             [](uint32_t c, const UnicodeRange& r) { return c < r.first; });
  return it != std::begin(ranges) && cp <= std::prev(it)->last;
}

// Whether lower() makes the capital sigma at `i` final: CPython's rule
// (handle_capital_sigma in unicodeobject.c), skipping case-ignorable code
// points, a cased one before it and none after it.
bool IsFinalSigma(const std::vector<uint32_t>& cps, size_t i) {
  size_t j = i;
  while (j > 0 && InRanges(kCaseIgnorable, cps[j - 1])) --j;
  if (j == 0 || !InRanges(kCased, cps[j - 1])) return false;
  j = i + 1;
  while (j < cps.size() && InRanges(kCaseIgnorable, cps[j])) ++j;
  return j == cps.size() || !InRanges(kCased, cps[j]);
}

// The mapping of `cp` in `table`, or null when it maps to itself.
template <size_t N>
const char* Mapped(const CaseMapping (&table)[N], uint32_t cp) {
  auto it = std::lower_bound(std::begin(table), std::end(table), cp,
                             [](const CaseMapping& m, uint32_t c) { return m.cp < c; });
  return it != std::end(table) && it->cp == cp ? it->utf8 : nullptr;
}

template <size_t N>
std::string MapCase(const CaseMapping (&table)[N], std::string_view s, bool final_sigma) {
  std::string out;
  out.reserve(s.size());
  std::vector<uint32_t> cps;
  for (size_t at = 0; at < s.size();) cps.push_back(NextCodePoint(s, &at));
  for (size_t i = 0; i < cps.size(); ++i) {
    if (final_sigma && cps[i] == 0x3A3 && IsFinalSigma(cps, i)) {
      AppendUtf8(out, 0x3C2);
    } else if (const char* mapped = Mapped(table, cps[i])) {
      out += mapped;
    } else {
      AppendUtf8(out, cps[i]);
    }
  }
  return out;
}

}  // namespace

uint32_t NextCodePoint(std::string_view s, size_t* at) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(*at);
  if (c < 0x80) {
    ++*at;
    return c;
  }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  uint32_t cp = c & (0x7F >> n);
  for (int k = 1; k < n && *at + k < s.size(); ++k) cp = (cp << 6) | (byte(*at + k) & 0x3F);
  *at += n;
  return cp;
}

bool IsPrintable(uint32_t cp) { return !InRanges(kNonPrintable, cp); }

bool IsSpaceBeyondAscii(uint32_t cp) { return InRanges(kWhiteSpace, cp); }

int DecimalValue(uint32_t cp) {
  auto it = std::upper_bound(std::begin(kDecimalZeros), std::end(kDecimalZeros), cp);
  if (it == std::begin(kDecimalZeros)) return -1;
  uint32_t zero = *std::prev(it);
  return cp - zero < 10 ? static_cast<int>(cp - zero) : -1;
}

}  // namespace pyjit

namespace pyjit {

bool IsAlpha(uint32_t cp) { return InRanges(kAlpha, cp); }

bool IsDigit(uint32_t cp) { return InRanges(kDigit, cp); }

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int64_t CountCodePoints(std::string_view utf8) {
  int64_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;  // every byte but a continuation
  return n;
}

std::string_view FirstCodePoints(std::string_view utf8, int64_t n) {
  size_t at = 0;
  for (int64_t k = 0; k < n && at < utf8.size(); ++k) NextCodePoint(utf8, &at);
  return utf8.substr(0, at);
}

std::string Upper(std::string_view utf8) { return MapCase(kUpper, utf8, false); }

std::string Lower(std::string_view utf8) { return MapCase(kLower, utf8, true); }

}  // namespace pyjit
