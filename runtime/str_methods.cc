// str's methods, with CPython's results and error messages (its
// Objects/unicodeobject.c and stringlib are the reference for each rule
// cited below). Text is UTF-8; positions the program sees count code
// points, so a method that takes or returns one converts at the edge
// (TextIndex), and ASCII text (as many bytes as code points) skips the
// walk.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/heap.h"
#include "runtime/ops.h"
#include "runtime/text_format.h"
#include "runtime/unicode.h"

namespace pyjit {
namespace {

// The number of arguments CPython's argument clinic or parser allows, with
// its message when it is wrong. The wording differs by method as CPython's
// does: `kNoArgs` and `kOneArg` are "str.upper() takes ...", `kParsed`
// methods use "find() takes at least ...", the rest "strip expected ...".
enum class ArgStyle { kNoArgs, kOneArg, kParsed, kExpected };

bool StrArgs(const char* name, ArgStyle style, const CallArgs& call, int min, int max) {
  if (call.nkw() > 0) {
    RaiseF(ExcKind::kTypeError, "%s() takes no keyword arguments", name);
    return false;
  }
  const int n = call.nargs;
  if (n >= min && n <= max) return true;
  switch (style) {
    case ArgStyle::kNoArgs:
      RaiseF(ExcKind::kTypeError, "str.%s() takes no arguments (%d given)", name, n);
      break;
    case ArgStyle::kOneArg:
      RaiseF(ExcKind::kTypeError, "str.%s() takes exactly one argument (%d given)", name, n);
      break;
    case ArgStyle::kParsed:
      if (n < min) {
        RaiseF(ExcKind::kTypeError, "%s() takes at least %d argument%s (%d given)", name, min,
               min == 1 ? "" : "s", n);
      } else {
        RaiseF(ExcKind::kTypeError, "%s() takes at most %d argument%s (%d given)", name, max,
               max == 1 ? "" : "s", n);
      }
      break;
    case ArgStyle::kExpected:
      if (n < min) {
        RaiseF(ExcKind::kTypeError, "%s expected at least %d argument%s, got %d", name, min,
               min == 1 ? "" : "s", n);
      } else {
        RaiseF(ExcKind::kTypeError, "%s expected at most %d argument%s, got %d", name, max,
               max == 1 ? "" : "s", n);
      }
      break;
  }
  return false;
}

// A str argument, or CPython's "must be str, not int" (`what` prefixes it
// where CPython names the argument).
bool StrArg(PjValue v, const std::string& what, std::string_view* out) {
  if (v.tag != PJ_TAG_STR) {
    RaiseF(ExcKind::kTypeError, "%smust be str, not %s", what, TypeName(v));
    return false;
  }
  *out = StrText(v);
  return true;
}

// The text of `self` with its length in code points.
struct Text {
  std::string_view bytes;
  int64_t chars;

  explicit Text(PjValue str) : bytes(StrText(str)), chars(pj_as_str(str)->nchars) {}
  bool ascii() const { return static_cast<int64_t>(bytes.size()) == chars; }

  // The byte offset of code point `index` (0 <= index <= chars).
  size_t ByteAt(int64_t index) const {
    if (ascii()) return static_cast<size_t>(index);
    size_t at = 0;
    for (int64_t k = 0; k < index; ++k) NextCodePoint(bytes, &at);
    return at;
  }
  // The number of code points in the first `offset` bytes.
  int64_t CharsBefore(size_t offset) const {
    if (ascii()) return static_cast<int64_t>(offset);
    int64_t n = 0;
    for (size_t at = 0; at < offset; ++n) NextCodePoint(bytes, &at);
    return n;
  }
};

// A start or end argument of find, count, startswith and endswith: None,
// or an int, clamped as a slice index is (a big int is past either end).
bool SliceIndexArg(PjValue v, int64_t* out) {
  if (v.tag == PJ_TAG_NONE) return true;
  if (!IsAnyInt(v)) {
    Raise(ExcKind::kTypeError,
          "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  if (!IntToInt64(v, out)) *out = IntSign(v) < 0 ? INT64_MIN : INT64_MAX;
  return true;
}

// The code-point range [start, end) the optional arguments at `first`
// select, adjusted as CPython's ADJUST_INDICES does (end clamped to the
// length, negatives counted from the end; start is not clamped above).
bool Range(const CallArgs& call, int first, int64_t length, int64_t* start, int64_t* end) {
  *start = 0;
  *end = INT64_MAX;
  if (call.nargs > first && !SliceIndexArg(call.args[first], start)) return false;
  if (call.nargs > first + 1 && !SliceIndexArg(call.args[first + 1], end)) return false;
  if (*end > length) {
    *end = length;
  } else if (*end < 0) {
    *end = std::max<int64_t>(*end + length, 0);
  }
  if (*start < 0) *start = std::max<int64_t>(*start + length, 0);
  return true;
}

PjValue UpperMethod(PjValue self, const CallArgs& call) {
  if (!StrArgs("upper", ArgStyle::kNoArgs, call, 0, 0)) return pj_error();
  return NewStrValue(Upper(StrText(self)));
}

PjValue LowerMethod(PjValue self, const CallArgs& call) {
  if (!StrArgs("lower", ArgStyle::kNoArgs, call, 0, 0)) return pj_error();
  return NewStrValue(Lower(StrText(self)));
}

// isdigit, isalpha, isspace: every code point, and at least one.
template <bool (*kIs)(uint32_t)>
PjValue AllCodePoints(const char* name, PjValue self, const CallArgs& call) {
  if (!StrArgs(name, ArgStyle::kNoArgs, call, 0, 0)) return pj_error();
  std::string_view s = StrText(self);
  if (s.empty()) return pj_bool(false);
  for (size_t at = 0; at < s.size();) {
    if (!kIs(NextCodePoint(s, &at))) return pj_bool(false);
  }
  return pj_bool(true);
}

PjValue IsDigitMethod(PjValue self, const CallArgs& call) {
  return AllCodePoints<IsDigit>("isdigit", self, call);
}
PjValue IsAlphaMethod(PjValue self, const CallArgs& call) {
  return AllCodePoints<IsAlpha>("isalpha", self, call);
}
PjValue IsSpaceMethod(PjValue self, const CallArgs& call) {
  return AllCodePoints<IsSpace>("isspace", self, call);
}

// The code points of `s` as a vector (for strip's set of characters).
std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t at = 0; at < s.size();) out.push_back(NextCodePoint(s, &at));
  return out;
}

enum Sides { kLeft = 1, kRight = 2, kBoth = 3 };

PjValue Strip(const char* name, int sides, PjValue self, const CallArgs& call) {
  if (!StrArgs(name, ArgStyle::kExpected, call, 0, 1)) return pj_error();
  std::vector<uint32_t> chars;
  const bool whitespace = call.nargs == 0 || call.args[0].tag == PJ_TAG_NONE;
  if (!whitespace) {
    if (call.args[0].tag != PJ_TAG_STR) {
      return RaiseF(ExcKind::kTypeError, "%s arg must be None or str", name);
    }
    chars = CodePoints(StrText(call.args[0]));
  }
  auto strips = [&](uint32_t cp) {
    return whitespace ? IsSpace(cp) : std::find(chars.begin(), chars.end(), cp) != chars.end();
  };
  std::string_view s = StrText(self);
  size_t begin = 0, end = s.size();
  if (sides & kLeft) {
    while (begin < end) {
      size_t next = begin;
      if (!strips(NextCodePoint(s, &next))) break;
      begin = next;
    }
  }
  if (sides & kRight) {
    while (end > begin) {
      size_t last = end - 1;
      while (last > begin && (static_cast<unsigned char>(s[last]) & 0xC0) == 0x80) --last;
      size_t at = last;
      if (!strips(NextCodePoint(s, &at))) break;
      end = last;
    }
  }
  if (begin == 0 && end == s.size()) return self;  // CPython returns the same str
  return NewStrValue(s.substr(begin, end - begin));
}

PjValue StripMethod(PjValue self, const CallArgs& call) { return Strip("strip", kBoth, self, call); }
PjValue LStripMethod(PjValue self, const CallArgs& call) {
  return Strip("lstrip", kLeft, self, call);
}
PjValue RStripMethod(PjValue self, const CallArgs& call) {
  return Strip("rstrip", kRight, self, call);
}

PjValue NewListOf(const std::vector<std::string_view>& parts) {
  PjList* list = TheHeap().NewList(0);
  PjValue result = pj_object(PJ_TAG_LIST, &list->head);
  TheHeap().ReserveList(list, static_cast<int64_t>(parts.size()));
  for (std::string_view part : parts) TheHeap().Append(list, NewStrValue(part));
  return result;
}

PjValue Split(PjValue self, const CallArgs& call) {
  if (!StrArgs("split", ArgStyle::kParsed, call, 0, 2)) return pj_error();
  int64_t maxsplit = -1;
  if (call.nargs == 2 && !IndexArg(call.args[1], &maxsplit)) return pj_error();
  if (maxsplit < 0) maxsplit = INT64_MAX;
  std::string_view s = StrText(self);
  std::vector<std::string_view> parts;
  if (call.nargs == 0 || call.args[0].tag == PJ_TAG_NONE) {
    // Runs of white space separate; none at either end make empty parts
    // (stringlib's split_whitespace).
    auto space_at = [&](size_t at, size_t* next) {
      const unsigned char c = static_cast<unsigned char>(s[at]);
      if (c < 0x80) {
        *next = at + 1;
        return IsSpace(c);
      }
      *next = at;
      return IsSpace(NextCodePoint(s, next));
    };
    size_t i = 0, next;
    while (maxsplit-- > 0) {
      while (i < s.size() && space_at(i, &next)) i = next;
      if (i == s.size()) break;
      size_t j = i;
      while (i < s.size() && !space_at(i, &next)) i = next;
      parts.push_back(s.substr(j, i - j));
    }
    if (i < s.size()) {
      while (i < s.size() && space_at(i, &next)) i = next;
      if (i != s.size()) parts.push_back(s.substr(i));
    }
    return NewListOf(parts);
  }
  if (call.args[0].tag != PJ_TAG_STR) {
    return RaiseF(ExcKind::kTypeError, "must be str or None, not %s", TypeName(call.args[0]));
  }
  std::string_view sep = StrText(call.args[0]);
  if (sep.empty()) return Raise(ExcKind::kValueError, "empty separator");
  size_t start = 0;
  while (maxsplit-- > 0) {
    size_t found = s.find(sep, start);
    if (found == std::string_view::npos) break;
    parts.push_back(s.substr(start, found - start));
    start = found + sep.size();
  }
  parts.push_back(s.substr(start));
  return NewListOf(parts);
}

PjValue Join(PjValue self, const CallArgs& call) {
  if (!StrArgs("join", ArgStyle::kOneArg, call, 1, 1)) return pj_error();
  PjValue it = pj_get_iter(call.args[0]);
  if (IsError(it)) {
    ClearError();
    return Raise(ExcKind::kTypeError, "can only join an iterable");
  }
  std::string_view sep = StrText(self);
  std::string out;
  PjValue item;
  for (int64_t i = 0; pj_iter_next(it, &item); ++i) {
    if (item.tag != PJ_TAG_STR) {
      return RaiseF(ExcKind::kTypeError, "sequence item %d: expected str instance, %s found", i,
                    TypeName(item));
    }
    if (i > 0) out += sep;
    out += StrText(item);
  }
  if (CurrentError().set) return pj_error();
  return NewStrValue(out);
}

PjValue Replace(PjValue self, const CallArgs& call) {
  if (!StrArgs("replace", ArgStyle::kExpected, call, 2, 3)) return pj_error();
  std::string_view old_text, new_text;
  if (!StrArg(call.args[0], "replace() argument 1 ", &old_text) ||
      !StrArg(call.args[1], "replace() argument 2 ", &new_text)) {
    return pj_error();
  }
  int64_t count = -1;
  if (call.nargs == 3 && !IndexArg(call.args[2], &count)) return pj_error();
  if (count < 0) count = INT64_MAX;
  std::string_view s = StrText(self);
  std::string out;
  if (old_text.empty()) {
    // The new text before every code point and at the end, `count` times.
    size_t at = 0;
    while (count > 0) {
      out += new_text;
      --count;
      if (at == s.size()) break;
      size_t next = at;
      NextCodePoint(s, &next);
      out += s.substr(at, next - at);
      at = next;
    }
    out += s.substr(at);
    return NewStrValue(out);
  }
  size_t start = 0;
  while (count-- > 0) {
    size_t found = s.find(old_text, start);
    if (found == std::string_view::npos) break;
    out += s.substr(start, found - start);
    out += new_text;
    start = found + old_text.size();
  }
  out += s.substr(start);
  return NewStrValue(out);
}

// find and count: where `sub` may be in `self`, or false with an error
// raised. `window` is empty with `fits` false when `sub` cannot fit.
struct Search {
  std::string_view sub;
  int64_t start = 0, end = 0;  // code points
  bool fits = false;
  size_t window_byte = 0;  // where the window starts in self's bytes
  std::string_view window;
};

bool ParseSearch(const char* name, const Text& text, const CallArgs& call, Search* q) {
  if (!StrArgs(name, ArgStyle::kParsed, call, 1, 3)) return false;
  if (!StrArg(call.args[0], "", &q->sub)) return false;
  if (!Range(call, 1, text.chars, &q->start, &q->end)) return false;
  q->fits = q->end - q->start >= CountCodePoints(q->sub);
  if (q->fits) {
    q->window_byte = text.ByteAt(q->start);
    q->window = text.bytes.substr(q->window_byte, text.ByteAt(q->end) - q->window_byte);
  }
  return true;
}

PjValue Find(PjValue self, const CallArgs& call) {
  const Text text(self);
  Search q;
  if (!ParseSearch("find", text, call, &q)) return pj_error();
  if (!q.fits) return pj_int(-1);
  size_t found = q.window.find(q.sub);
  if (found == std::string_view::npos) return pj_int(-1);
  return pj_int(text.CharsBefore(q.window_byte + found));
}

PjValue Count(PjValue self, const CallArgs& call) {
  const Text text(self);
  Search q;
  if (!ParseSearch("count", text, call, &q)) return pj_error();
  if (!q.fits) return pj_int(0);
  if (q.sub.empty()) return pj_int(q.end - q.start + 1);
  int64_t n = 0;
  for (size_t at = q.window.find(q.sub); at != std::string_view::npos;
       at = q.window.find(q.sub, at + q.sub.size())) {
    ++n;
  }
  return pj_int(n);
}

// startswith and endswith: a str or a tuple of them, within [start, end).
PjValue TailMatch(const char* name, bool at_end, PjValue self, const CallArgs& call) {
  if (!StrArgs(name, ArgStyle::kParsed, call, 1, 3)) return pj_error();
  Text text(self);
  int64_t start, end;
  PjValue what = call.args[0];
  std::vector<PjValue> candidates;
  if (what.tag == PJ_TAG_TUPLE) {
    const PjTuple* t = pj_as_tuple(what);
    candidates.assign(t->items, t->items + t->size);
  } else if (what.tag == PJ_TAG_STR) {
    candidates.push_back(what);
  } else {
    return RaiseF(ExcKind::kTypeError, "%s first arg must be str or a tuple of str, not %s", name,
                  TypeName(what));
  }
  if (!Range(call, 1, text.chars, &start, &end)) return pj_error();
  for (PjValue c : candidates) {
    // Checked as reached: CPython stops at the first match.
    if (c.tag != PJ_TAG_STR) {
      return RaiseF(ExcKind::kTypeError, "tuple for %s must only contain str, not %s", name,
                    TypeName(c));
    }
    std::string_view sub = StrText(c);
    const int64_t sub_chars = pj_as_str(c)->nchars;
    if (end - sub_chars < start) continue;
    if (sub.empty()) return pj_bool(true);
    const int64_t from = at_end ? end - sub_chars : start;
    const size_t byte = text.ByteAt(from);
    if (text.bytes.substr(byte, sub.size()) == sub) return pj_bool(true);
  }
  return pj_bool(false);
}

PjValue StartsWith(PjValue self, const CallArgs& call) {
  return TailMatch("startswith", false, self, call);
}
PjValue EndsWith(PjValue self, const CallArgs& call) {
  return TailMatch("endswith", true, self, call);
}

// A fill character argument of ljust, rjust and center.
bool FillArg(const CallArgs& call, std::string_view* fill) {
  *fill = " ";
  if (call.nargs < 2) return true;
  PjValue v = call.args[1];
  if (v.tag != PJ_TAG_STR) {
    RaiseF(ExcKind::kTypeError, "The fill character must be a unicode character, not %s",
           TypeName(v));
    return false;
  }
  if (pj_as_str(v)->nchars != 1) {
    Raise(ExcKind::kTypeError, "The fill character must be exactly one character long");
    return false;
  }
  *fill = StrText(v);
  return true;
}

std::string Repeated(std::string_view s, int64_t n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(std::max<int64_t>(n, 0)));
  for (int64_t k = 0; k < n; ++k) out += s;
  return out;
}

// ljust, rjust and center: `self` padded to `width` code points.
PjValue Pad(const char* name, int sides, PjValue self, const CallArgs& call) {
  if (!StrArgs(name, ArgStyle::kExpected, call, 1, 2)) return pj_error();
  int64_t width;
  std::string_view fill;
  if (!IndexArg(call.args[0], &width) || !FillArg(call, &fill)) return pj_error();
  const int64_t length = pj_as_str(self)->nchars;
  if (width <= length) return self;
  const int64_t margin = width - length;
  int64_t left = sides == kLeft ? margin : sides == kRight ? 0 : margin / 2 + (margin & width & 1);
  std::string out = Repeated(fill, left);
  out += StrText(self);
  out += Repeated(fill, margin - left);
  return NewStrValue(out);
}

// ljust pads on the right: its text is on the left.
PjValue LJust(PjValue self, const CallArgs& call) { return Pad("ljust", kRight, self, call); }
PjValue RJust(PjValue self, const CallArgs& call) { return Pad("rjust", kLeft, self, call); }
PjValue Center(PjValue self, const CallArgs& call) { return Pad("center", kBoth, self, call); }

PjValue ZFill(PjValue self, const CallArgs& call) {
  if (!StrArgs("zfill", ArgStyle::kOneArg, call, 1, 1)) return pj_error();
  int64_t width;
  if (!IndexArg(call.args[0], &width)) return pj_error();
  const int64_t length = pj_as_str(self)->nchars;
  if (width <= length) return self;
  std::string_view s = StrText(self);
  std::string out = Repeated("0", width - length);
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    // The sign stays in front of the zeros.
    out.insert(out.begin(), s[0]);
    out += s.substr(1);
  } else {
    out += s;
  }
  return NewStrValue(out);
}

constexpr MethodEntry kStrMethods[] = {
    {"upper", UpperMethod},    {"lower", LowerMethod},       {"isdigit", IsDigitMethod},
    {"isalpha", IsAlphaMethod}, {"isspace", IsSpaceMethod}, {"strip", StripMethod},
    {"lstrip", LStripMethod},  {"rstrip", RStripMethod}, {"split", Split},
    {"join", Join},            {"replace", Replace},   {"find", Find},
    {"count", Count},          {"startswith", StartsWith}, {"endswith", EndsWith},
    {"ljust", LJust},          {"rjust", RJust},       {"center", Center},
    {"zfill", ZFill},          {"format", StrFormatMethod},
};

}  // namespace

const MethodEntry* FindStrMethod(std::string_view name) {
  for (const MethodEntry& m : kStrMethods) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

}  // namespace pyjit
