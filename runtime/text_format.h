// Formatting text from values as CPython does: the format-spec mini-language
// (`format(v, spec)`, f-strings' `{v:spec}`, `str.format`), and printf-style
// `str % args`. CPython's Python/formatter_unicode.c and
// Objects/unicodeobject.c (PyUnicode_Format) are the reference, messages
// included.
#ifndef PYJIT_RUNTIME_TEXT_FORMAT_H_
#define PYJIT_RUNTIME_TEXT_FORMAT_H_

#include <string>
#include <string_view>

#include "runtime/function.h"
#include "runtime/value.h"

namespace pyjit {

// format(v, spec) appended to `out`: ints, bools, floats and strs read the
// whole mini-language; any other value only the empty spec (its str()).
// False with CPython's error raised.
bool FormatWithSpec(PjValue v, std::string_view spec, std::string* out);

// ascii(v): repr with every non-ASCII code point escaped.
std::string Ascii(PjValue v);

// format % args, for a str `format`.
PjValue PercentFormat(PjValue format, PjValue args);

// format.format(*args): positional fields (`{}`, `{0}`), with conversions
// and specs, nested fields inside specs, and `{0[1]}` item lookups.
PjValue StrFormatMethod(PjValue self, const CallArgs& call);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_TEXT_FORMAT_H_
