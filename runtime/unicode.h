// The few Unicode facts the runtime needs (printable for repr, decimal
// digits and white space for int()), generated at build time from the
// python3 that is the project's oracle (make_unicode_tables.py), so that
// both agree on every code point.
#ifndef PYJIT_RUNTIME_UNICODE_H_
#define PYJIT_RUNTIME_UNICODE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pyjit {

// The code point at `*at` in valid UTF-8 text; advances `*at` past it.
uint32_t NextCodePoint(std::string_view utf8, size_t* at);

bool IsPrintable(uint32_t cp);  // str.isprintable(): what repr() leaves as it is
bool IsSpace(uint32_t cp);      // str.isspace()
int DecimalValue(uint32_t cp);  // 0..9 for a decimal digit (str.isdecimal()), else -1

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_UNICODE_H_
