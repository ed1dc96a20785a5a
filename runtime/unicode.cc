#include "runtime/unicode.h"

#include <algorithm>
#include <iterator>

namespace pyjit {
namespace {

struct UnicodeRange {
  uint32_t first, last;
};

#include "runtime/unicode_tables.inc"

template <size_t N>
bool InRanges(const UnicodeRange (&ranges)[N], uint32_t cp) {
  auto it = std::upper_bound(std::begin(ranges), std::end(ranges), cp,
                             [](uint32_t c, const UnicodeRange& r) { return c < r.first; });
  return it != std::begin(ranges) && cp <= std::prev(it)->last;
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

bool IsSpace(uint32_t cp) { return InRanges(kWhiteSpace, cp); }

int DecimalValue(uint32_t cp) {
  auto it = std::upper_bound(std::begin(kDecimalZeros), std::end(kDecimalZeros), cp);
  if (it == std::begin(kDecimalZeros)) return -1;
  uint32_t zero = *std::prev(it);
  return cp - zero < 10 ? static_cast<int>(cp - zero) : -1;
}

}  // namespace pyjit
