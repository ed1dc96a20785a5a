#include "runtime/text_format.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/bigint.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/exceptions.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/ops.h"
#include "runtime/unicode.h"

namespace pyjit {
namespace {

std::string Repeated(uint32_t cp, int64_t n) {
  std::string one, out;
  AppendUtf8(one, cp);
  for (int64_t k = 0; k < n; ++k) out += one;
  return out;
}

// |i| in `base` (2, 8, 10 or 16), lower-case digits; false with CPython's
// ValueError for a decimal of more than 4300 digits.
bool MagnitudeDigits(PjValue i, int base, std::string* out) {
  if (base == 10) {
    if (!IntToDecimal(i, out)) return false;
  } else if (IsBigInt(i)) {
    mpz_srcptr z = AsBigInt(i)->value;
    out->resize(mpz_sizeinbase(z, base) + 2);
    mpz_get_str(out->data(), base, z);
    out->resize(std::char_traits<char>::length(out->c_str()));
  } else {
    const uint64_t magnitude = i.as.i < 0 ? 0 - static_cast<uint64_t>(i.as.i) : i.as.i;
    *out = base == 16 ? absl::StrFormat("%x", magnitude)
           : base == 8 ? absl::StrFormat("%o", magnitude)
                       : "";
    if (base == 2) {
      for (uint64_t m = magnitude; m != 0 || out->empty(); m >>= 1) out->insert(0, 1, '0' + (m & 1));
    }
  }
  if (!out->empty() && (*out)[0] == '-') out->erase(0, 1);
  return true;
}

// ---- the format-spec mini-language ----

struct Spec {
  uint32_t fill = ' ';
  bool fill_given = false;
  char align = 0;  // 0: the type's default
  char sign = 0;
  bool no_neg_0 = false;
  bool alternate = false;
  int64_t width = -1;
  char grouping = 0;  // ',' or '_'
  int64_t precision = -1;
  char type = 0;
};

bool IsAlign(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

// Digits at `*pos`: false with an error past what fits; `*consumed` says
// whether there were any.
bool ParseCount(std::string_view s, size_t* pos, int64_t* out, bool* consumed) {
  *consumed = false;
  int64_t n = 0;
  while (*pos < s.size() && absl::ascii_isdigit(s[*pos])) {
    if (n > (INT64_MAX - 9) / 10) {
      Raise(ExcKind::kValueError, "Too many decimal digits in format string");
      return false;
    }
    n = n * 10 + (s[*pos] - '0');
    ++*pos;
    *consumed = true;
  }
  if (*consumed) *out = n;
  return true;
}

// CPython's parse_internal_render_format_spec. `default_type` is the
// type's own ('s' for str, 'd' for int, none for float).
bool ParseSpec(std::string_view s, char default_type, const char* type_name, Spec* f) {
  size_t pos = 0;
  size_t first_end = 0;
  uint32_t first = s.empty() ? 0 : NextCodePoint(s, &first_end);
  if (s.size() > first_end && IsAlign(s[first_end])) {
    f->fill = first;
    f->fill_given = true;
    f->align = s[first_end];
    pos = first_end + 1;
  } else if (!s.empty() && IsAlign(s[0])) {
    f->align = s[0];
    pos = 1;
  }
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) f->sign = s[pos++];
  if (pos < s.size() && s[pos] == 'z') {
    f->no_neg_0 = true;
    ++pos;
  }
  if (pos < s.size() && s[pos] == '#') {
    f->alternate = true;
    ++pos;
  }
  if (!f->fill_given && pos < s.size() && s[pos] == '0') {
    f->fill = '0';
    if (f->align == 0 && default_type != 's') f->align = '=';
    ++pos;
  }
  bool consumed;
  if (!ParseCount(s, &pos, &f->width, &consumed)) return false;
  if (pos < s.size() && s[pos] == ',') {
    f->grouping = ',';
    ++pos;
  }
  if (pos < s.size() && s[pos] == '_') {
    if (f->grouping != 0) return Raise(ExcKind::kValueError, "Cannot specify both ',' and '_'."), false;
    f->grouping = '_';
    ++pos;
  }
  if (pos < s.size() && s[pos] == ',' && f->grouping == '_') {
    return Raise(ExcKind::kValueError, "Cannot specify both ',' and '_'."), false;
  }
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    if (!ParseCount(s, &pos, &f->precision, &consumed)) return false;
    if (!consumed) return Raise(ExcKind::kValueError, "Format specifier missing precision"), false;
  }
  if (s.size() - pos > 1) {
    RaiseF(ExcKind::kValueError, "Invalid format specifier '%s' for object of type '%s'",
           std::string(s), type_name);
    return false;
  }
  f->type = pos < s.size() ? s[pos] : default_type;
  if (f->grouping != 0) {
    switch (f->type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (f->grouping == '_') break;
        [[fallthrough]];
      default:
        RaiseF(ExcKind::kValueError, "Cannot specify '%c' with '%c'.", f->grouping, f->type);
        return false;
    }
  }
  return true;
}

bool UnknownCode(const Spec& f, const char* type_name) {
  RaiseF(ExcKind::kValueError, "Unknown format code '%c' for object of type '%s'", f.type,
         type_name);
  return false;
}

// `digits` with `sep` every `every` digits from the right; with a zero
// fill and '=' alignment the zeros of the padding are grouped too, up to
// `min_width` (CPython's _PyUnicode_InsertThousandsGrouping).
std::string Grouped(std::string digits, char sep, int every, int64_t min_width) {
  auto group = [&](const std::string& d) {
    std::string out;
    for (size_t i = 0; i < d.size(); ++i) {
      if (i > 0 && (d.size() - i) % every == 0) out += sep;
      out += d[i];
    }
    return out;
  };
  std::string out = group(digits);
  while (static_cast<int64_t>(out.size()) < min_width) {
    digits.insert(0, 1, '0');
    out = group(digits);
  }
  return out;
}

// `head` (sign and prefix) and `body` padded to the width.
void Pad(const Spec& f, char default_align, std::string_view head, std::string_view body,
         std::string* out) {
  const int64_t length = CountCodePoints(head) + CountCodePoints(body);
  const int64_t margin = f.width > length ? f.width - length : 0;
  const char align = f.align != 0 ? f.align : default_align;
  const int64_t left = align == '<' ? 0 : align == '^' ? margin / 2 : margin;
  if (align == '=') {
    out->append(head);
    out->append(Repeated(f.fill, margin));
    out->append(body);
    return;
  }
  out->append(Repeated(f.fill, left));
  out->append(head);
  out->append(body);
  out->append(Repeated(f.fill, margin - left));
}

// The sign a number shows.
std::string SignOf(bool negative, const Spec& f) {
  if (negative) return "-";
  if (f.sign == '+') return "+";
  if (f.sign == ' ') return " ";
  return "";
}

bool FormatStrSpec(std::string_view text, const Spec& f, std::string* out) {
  if (f.type != 's') return UnknownCode(f, "str");
  if (f.sign != 0) {
    Raise(ExcKind::kValueError, f.sign == ' ' ? "Space not allowed in string format specifier"
                                              : "Sign not allowed in string format specifier");
    return false;
  }
  if (f.no_neg_0) {
    Raise(ExcKind::kValueError, "Negative zero coercion (z) not allowed in string format specifier");
    return false;
  }
  if (f.alternate) {
    Raise(ExcKind::kValueError, "Alternate form (#) not allowed in string format specifier");
    return false;
  }
  if (f.align == '=') {
    Raise(ExcKind::kValueError, "'=' alignment not allowed in string format specifier");
    return false;
  }
  if (f.precision >= 0) text = FirstCodePoints(text, f.precision);
  Pad(f, '<', "", text, out);
  return true;
}

bool FormatFloatSpec(double d, Spec f, std::string* out) {
  switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: return UnknownCode(f, "float");
  }
  char type = f.type;
  bool repr = false, add_dot_0 = false;
  if (type == 0) {
    if (f.precision < 0) {
      repr = true;
    } else {
      type = 'g';
      add_dot_0 = true;
    }
  }
  if (type == 'n') type = 'g';
  const bool percent = type == '%';
  if (percent) {
    type = 'f';
    d *= 100;
  }
  const int precision = f.precision < 0 ? 6 : static_cast<int>(f.precision);
  bool negative = std::signbit(d) && !std::isnan(d);
  std::string body;
  if (repr) {
    body = FormatFloat(std::fabs(d));
  } else {
    const std::string conversion = absl::StrCat("%", f.alternate ? "#" : "", ".*", std::string(1, type));
    body.resize(static_cast<size_t>(precision) + 400);
    int n = std::snprintf(body.data(), body.size(), conversion.c_str(), precision, std::fabs(d));
    if (n >= static_cast<int>(body.size())) {
      body.resize(static_cast<size_t>(n) + 1);
      n = std::snprintf(body.data(), body.size(), conversion.c_str(), precision, std::fabs(d));
    }
    body.resize(static_cast<size_t>(n));
    if (add_dot_0 && body.find_first_not_of("0123456789") == std::string::npos) body += ".0";
  }
  if (f.no_neg_0 && negative) {
    const std::string mantissa = body.substr(0, body.find_first_of("eE"));
    if (std::isfinite(d) && mantissa.find_first_of("123456789") == std::string::npos) {
      negative = false;
    }
  }
  if (percent) body += '%';
  if (f.grouping != 0 && std::isfinite(d)) {
    const size_t int_end = body.find_first_not_of("0123456789");
    const std::string int_part = body.substr(0, int_end);
    const std::string rest = int_end == std::string::npos ? "" : body.substr(int_end);
    const std::string sign = SignOf(negative, f);
    const int64_t min_width =
        f.fill == '0' && f.align == '=' ? f.width - CountCodePoints(sign) - CountCodePoints(rest) : 0;
    body = Grouped(int_part, f.grouping, 3, min_width) + rest;
  }
  Pad(f, '>', SignOf(negative, f), body, out);
  return true;
}

bool FormatIntSpec(PjValue v, Spec f, std::string* out) {
  switch (f.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d;
      if (!IntToDouble(v, &d)) return false;
      return FormatFloatSpec(d, f, out);
    }
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    default: return UnknownCode(f, TypeName(v));
  }
  if (f.precision != -1) {
    return Raise(ExcKind::kValueError, "Precision not allowed in integer format specifier"), false;
  }
  if (f.no_neg_0) {
    Raise(ExcKind::kValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    return false;
  }
  if (f.type == 'c') {
    if (f.sign != 0) {
      return Raise(ExcKind::kValueError, "Sign not allowed with integer format specifier 'c'"), false;
    }
    if (f.alternate) {
      Raise(ExcKind::kValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
      return false;
    }
    int64_t cp;
    if (!IntToInt64(v, &cp)) {
      return Raise(ExcKind::kOverflowError, "Python int too large to convert to C long"), false;
    }
    if (cp < 0 || cp > 0x10FFFF) {
      return Raise(ExcKind::kOverflowError, "%c arg not in range(0x110000)"), false;
    }
    std::string text;
    AppendUtf8(text, static_cast<uint32_t>(cp));
    Pad(f, '>', "", text, out);
    return true;
  }
  const int base = f.type == 'b' ? 2 : f.type == 'o' ? 8 : (f.type == 'x' || f.type == 'X') ? 16 : 10;
  std::string digits;
  if (!MagnitudeDigits(v, base, &digits)) return false;
  if (f.type == 'X') digits = absl::AsciiStrToUpper(digits);
  std::string head = SignOf(IntSign(v) < 0, f);
  if (f.alternate && base != 10) head += f.type == 'b' ? "0b" : f.type == 'o' ? "0o" : f.type == 'x' ? "0x" : "0X";
  if (f.grouping != 0) {
    const int64_t min_width = f.fill == '0' && f.align == '=' ? f.width - CountCodePoints(head) : 0;
    digits = Grouped(digits, f.grouping, base == 10 ? 3 : 4, min_width);
  }
  Pad(f, '>', head, digits, out);
  return true;
}

// CPython's repr with every non-ASCII code point escaped (ascii()).
std::string EscapeNonAscii(std::string_view text) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    const uint32_t cp = NextCodePoint(text, &at);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x100) {
      absl::StrAppendFormat(&out, "\\x%02x", cp);
    } else if (cp < 0x10000) {
      absl::StrAppendFormat(&out, "\\u%04x", cp);
    } else {
      absl::StrAppendFormat(&out, "\\U%08x", cp);
    }
  }
  return out;
}

}  // namespace

bool FormatWithSpec(PjValue v, std::string_view spec, std::string* out) {
  if (spec.empty()) {
    if (v.tag == PJ_TAG_STR) {
      *out += StrText(v);
      return true;
    }
    *out += Str(v);
    return !CurrentError().set;
  }
  Spec f;
  switch (v.tag) {
    case PJ_TAG_STR:
      return ParseSpec(spec, 's', "str", &f) && FormatStrSpec(StrText(v), f, out);
    case PJ_TAG_INT:
    case PJ_TAG_BOOL:
    case PJ_TAG_BIGINT:
      return ParseSpec(spec, 'd', TypeName(v), &f) && FormatIntSpec(v, f, out);
    case PJ_TAG_FLOAT:
      return ParseSpec(spec, 0, "float", &f) && FormatFloatSpec(v.as.f, f, out);
    default:
      RaiseF(ExcKind::kTypeError, "unsupported format string passed to %s.__format__",
             TypeName(v));
      return false;
  }
}

std::string Ascii(PjValue v) { return EscapeNonAscii(Repr(v)); }

// ---- str % args ----

PjValue PercentFormat(PjValue format, PjValue args) {
  const std::string_view s = StrText(format);
  const bool is_tuple = args.tag == PJ_TAG_TUPLE;
  const PjValue* items = is_tuple ? pj_as_tuple(args)->items : &args;
  const int64_t nitems = is_tuple ? pj_as_tuple(args)->size : 1;
  // CPython reads a non-tuple with __getitem__ (a list) as a mapping: it is
  // then never "not all converted".
  const bool mapping_like = args.tag == PJ_TAG_LIST;
  int64_t next = 0;
  auto next_arg = [&](PjValue* out) {
    if (next >= nitems) {
      Raise(ExcKind::kTypeError, "not enough arguments for format string");
      return false;
    }
    *out = items[next++];
    return true;
  };
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t percent = s.find('%', i);
    if (percent == std::string_view::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, percent - i);
    i = percent + 1;
    auto incomplete = [&] { return Raise(ExcKind::kValueError, "incomplete format"); };
    if (i == s.size()) return incomplete();
    if (s[i] == '%') {  // only right after the '%': "%5%" wants an argument
      out += '%';
      ++i;
      continue;
    }
    PjValue arg;
    bool have_arg = false;
    if (s[i] == '(') {
      if (!mapping_like) return Raise(ExcKind::kTypeError, "format requires a mapping");
      size_t close = s.find(')', i);
      if (close == std::string_view::npos) return Raise(ExcKind::kValueError, "incomplete format key");
      arg = pj_subscript(args, NewStrValue(s.substr(i + 1, close - i - 1)));
      if (IsError(arg)) return arg;
      have_arg = true;
      i = close + 1;
    }
    bool left = false, plus = false, space = false, alternate = false, zero = false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '-') left = true;
      else if (c == '+') plus = true;
      else if (c == ' ') space = true;
      else if (c == '#') alternate = true;
      else if (c == '0') zero = true;
      else break;
    }
    auto star = [&](int64_t* out_value, const char* c_type) {
      PjValue n;
      if (!next_arg(&n)) return false;
      if (!IsAnyInt(n)) {
        Raise(ExcKind::kTypeError, "* wants int");
        return false;
      }
      const bool c_int = std::string_view(c_type) == "int";
      if (!IntToInt64(n, out_value) ||
          (c_int && (*out_value > INT32_MAX || *out_value < INT32_MIN))) {
        RaiseF(ExcKind::kOverflowError, "Python int too large to convert to C %s", c_type);
        return false;
      }
      ++i;
      return true;
    };
    int64_t width = -1, precision = -1;
    bool consumed;
    if (i < s.size() && s[i] == '*') {
      if (!star(&width, "ssize_t")) return pj_error();
      if (width < 0) {
        left = true;
        width = -width;
      }
    } else if (!ParseCount(s, &i, &width, &consumed)) {
      return pj_error();
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i < s.size() && s[i] == '*') {
        if (!star(&precision, "int")) return pj_error();
        if (precision < 0) precision = 0;
      } else {
        precision = 0;
        if (!ParseCount(s, &i, &precision, &consumed)) return pj_error();
      }
    }
    while (i < s.size() && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L')) ++i;
    if (i == s.size()) return incomplete();
    const char conversion = s[i];
    const size_t conversion_at = i;
    ++i;
    if (!have_arg && !next_arg(&arg)) return pj_error();
    Spec f;
    f.width = width;
    f.align = left ? '<' : '>';
    f.sign = plus ? '+' : space ? ' ' : 0;
    std::string body, head;
    switch (conversion) {
      case 's':
      case 'r':
      case 'a': {
        body = conversion == 's' ? (arg.tag == PJ_TAG_STR ? std::string(StrText(arg)) : Str(arg))
               : conversion == 'r' ? Repr(arg)
                                   : Ascii(arg);
        if (CurrentError().set) return pj_error();
        if (precision >= 0) body.resize(FirstCodePoints(body, precision).size());
        break;
      }
      case 'c': {
        if (arg.tag == PJ_TAG_STR && pj_as_str(arg)->nchars == 1) {
          body = StrText(arg);
        } else if (IsAnyInt(arg)) {
          int64_t cp;
          if (!IntToInt64(arg, &cp) || cp < 0 || cp > 0x10FFFF) {
            return Raise(ExcKind::kOverflowError, "%c arg not in range(0x110000)");
          }
          AppendUtf8(body, static_cast<uint32_t>(cp));
        } else {
          return Raise(ExcKind::kTypeError, "%c requires int or char");
        }
        break;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        const bool decimal = conversion == 'd' || conversion == 'i' || conversion == 'u';
        PjValue n = arg;
        if (arg.tag == PJ_TAG_FLOAT && decimal) {
          if (std::isinf(arg.as.f)) {
            return Raise(ExcKind::kOverflowError, "cannot convert float infinity to integer");
          }
          if (std::isnan(arg.as.f)) {
            return Raise(ExcKind::kValueError, "cannot convert float NaN to integer");
          }
          n = IntFromDouble(arg.as.f);
        } else if (!IsAnyInt(arg)) {
          return decimal ? RaiseF(ExcKind::kTypeError, "%%%c format: a real number is required, not %s",
                                  conversion, TypeName(arg))
                         : RaiseF(ExcKind::kTypeError, "%%%c format: an integer is required, not %s",
                                  conversion, TypeName(arg));
        }
        const int base = decimal ? 10 : conversion == 'o' ? 8 : 16;
        if (!MagnitudeDigits(n, base, &body)) return pj_error();
        if (conversion == 'X') body = absl::AsciiStrToUpper(body);
        if (precision > static_cast<int64_t>(body.size())) {
          body.insert(0, static_cast<size_t>(precision - static_cast<int64_t>(body.size())), '0');
        }
        head = SignOf(IntSign(n) < 0, f);
        if (alternate && !decimal) head += conversion == 'o' ? "0o" : conversion == 'x' ? "0x" : "0X";
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double d;
        if (arg.tag == PJ_TAG_FLOAT) {
          d = arg.as.f;
        } else if (IsAnyInt(arg)) {
          if (!IntToDouble(arg, &d)) return pj_error();
        } else {
          return RaiseF(ExcKind::kTypeError, "must be real number, not %s", TypeName(arg));
        }
        Spec number;
        number.sign = f.sign;
        number.alternate = alternate;
        number.precision = precision < 0 ? 6 : precision;
        number.type = conversion;
        std::string text;
        FormatFloatSpec(d, number, &text);
        // The sign is the head, so that zero padding goes after it.
        const size_t digits_at = text.find_first_not_of("+- ");
        head = text.substr(0, digits_at);
        body = text.substr(digits_at);
        break;
      }
      default: {
        size_t at = conversion_at;
        const uint32_t cp = NextCodePoint(s, &at);
        std::string shown;
        AppendUtf8(shown, cp);
        return RaiseF(ExcKind::kValueError, "unsupported format character '%s' (0x%x) at index %d",
                      shown, cp, CountCodePoints(s.substr(0, conversion_at)));
      }
    }
    const bool numeric = conversion != 's' && conversion != 'r' && conversion != 'a' && conversion != 'c';
    if (zero && numeric && !left) {
      f.fill = '0';
      f.align = '=';
    }
    Pad(f, f.align, head, body, &out);
  }
  if (next < nitems && !mapping_like) {
    return Raise(ExcKind::kTypeError, "not all arguments converted during string formatting");
  }
  return NewStrValue(out);
}

// ---- str.format ----

namespace {

class FieldFormatter {
 public:
  explicit FieldFormatter(const CallArgs& call) : call_(call) {}

  // `text` with its fields replaced; `depth` counts nested specs.
  bool Format(std::string_view text, int depth, std::string* out) {
    if (depth > 2) {
      Raise(ExcKind::kValueError, "Max string recursion exceeded");
      return false;
    }
    size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '}') {
        if (i + 1 < text.size() && text[i + 1] == '}') {
          *out += '}';
          i += 2;
          continue;
        }
        return Fail(ExcKind::kValueError, "Single '}' encountered in format string");
      }
      if (c != '{') {
        *out += c;
        ++i;
        continue;
      }
      if (i + 1 < text.size() && text[i + 1] == '{') {
        *out += '{';
        i += 2;
        continue;
      }
      // The field runs to the '}' that balances its '{'.
      size_t end = i + 1;
      int nesting = 1;
      for (; end < text.size(); ++end) {
        if (text[end] == '{') ++nesting;
        if (text[end] == '}' && --nesting == 0) break;
      }
      if (end == text.size()) {
        // CPython names what it was reading when the text ran out.
        const std::string_view rest = text.substr(i + 1);
        const size_t bang = rest.find('!');
        const size_t colon = rest.find(':');
        if (nesting > 1 || (colon != std::string_view::npos && (bang == std::string_view::npos || colon < bang))) {
          return Fail(ExcKind::kValueError, "unmatched '{' in format spec");
        }
        if (bang != std::string_view::npos && bang + 1 == rest.size()) {
          return Fail(ExcKind::kValueError, "end of string while looking for conversion specifier");
        }
        return Fail(ExcKind::kValueError,
                    text.find('{', i + 1) == std::string_view::npos && rest.empty()
                        ? "Single '{' encountered in format string"
                        : "expected '}' before end of string");
      }
      if (!Field(text.substr(i + 1, end - i - 1), depth, out)) return false;
      i = end + 1;
    }
    return true;
  }

 private:
  bool Fail(ExcKind kind, const char* message) {
    Raise(kind, message);
    return false;
  }

  // One field: name[!conversion][:spec].
  bool Field(std::string_view field, int depth, std::string* out) {
    size_t name_end = 0;
    while (name_end < field.size() && field[name_end] != '!' && field[name_end] != ':') {
      if (field[name_end] == '[') {
        const size_t close = field.find(']', name_end);
        if (close == std::string_view::npos) {
          return Fail(ExcKind::kValueError, "expected '}' before end of string");
        }
        name_end = close + 1;
        continue;
      }
      ++name_end;
    }
    std::string_view name = field.substr(0, name_end);
    char conversion = 0;
    std::string_view spec;
    size_t at = name_end;
    if (at < field.size() && field[at] == '!') {
      if (at + 1 >= field.size()) {
        return Fail(ExcKind::kValueError, "unmatched '{' in format spec");
      }
      conversion = field[at + 1];
      at += 2;
      if (at < field.size() && field[at] != ':') {
        return Fail(ExcKind::kValueError, "expected ':' after conversion specifier");
      }
      if (conversion != 'r' && conversion != 's' && conversion != 'a') {
        RaiseF(ExcKind::kValueError, "Unknown conversion specifier %c", conversion);
        return false;
      }
    }
    if (at < field.size()) spec = field.substr(at + 1);
    PjValue value;
    if (!Lookup(name, &value)) return false;
    std::string expanded_spec;
    if (!Format(spec, depth + 1, &expanded_spec)) return false;
    if (conversion != 0) {
      std::string converted = conversion == 'r' ? Repr(value) : conversion == 'a' ? Ascii(value) : Str(value);
      if (CurrentError().set) return false;
      value = NewStrValue(converted);
    }
    return FormatWithSpec(value, expanded_spec, out);
  }

  // The argument a field names: a number or nothing (the next one), then
  // `[index]` and `.attribute` parts.
  bool Lookup(std::string_view name, PjValue* out) {
    size_t first_end = 0;
    while (first_end < name.size() && name[first_end] != '[' && name[first_end] != '.') ++first_end;
    const std::string_view first = name.substr(0, first_end);
    int64_t index;
    if (first.empty()) {
      if (manual_) {
        return Fail(ExcKind::kValueError,
                    "cannot switch from manual field specification to automatic field numbering");
      }
      automatic_ = true;
      index = next_++;
    } else if (first.find_first_not_of("0123456789") == std::string_view::npos) {
      if (automatic_) {
        return Fail(ExcKind::kValueError,
                    "cannot switch from automatic field numbering to manual field specification");
      }
      manual_ = true;
      bool consumed;
      size_t pos = 0;
      if (!ParseCount(first, &pos, &index, &consumed)) return false;
    } else {
      // A keyword's name: pyjit's methods take no keywords, so none is there.
      RaiseObject(NewExceptionWithArg(ExcKind::kKeyError, NewStrValue(first)));
      return false;
    }
    if (index >= call_.nargs) {
      RaiseF(ExcKind::kIndexError, "Replacement index %d out of range for positional args tuple",
             index);
      return false;
    }
    PjValue value = call_.args[index];
    size_t at = first_end;
    while (at < name.size()) {
      if (name[at] == '.') {
        size_t end = at + 1;
        while (end < name.size() && name[end] != '[' && name[end] != '.') ++end;
        value = GetAttribute(value, name.substr(at + 1, end - at - 1));
        at = end;
      } else {
        const size_t close = name.find(']', at);
        const std::string_view key = name.substr(at + 1, close - at - 1);
        PjValue k = key.find_first_not_of("0123456789") == std::string_view::npos && !key.empty()
                        ? IntFromDigits(absl::string_view(key.data(), key.size()), 10)
                        : NewStrValue(key);
        value = pj_subscript(value, k);
        at = close + 1;
      }
      if (IsError(value)) return false;
    }
    *out = value;
    return true;
  }

  const CallArgs& call_;
  bool automatic_ = false, manual_ = false;
  int64_t next_ = 0;
};

}  // namespace

PjValue StrFormatMethod(PjValue self, const CallArgs& call) {
  if (call.nkw() > 0) return RaiseUnsupported("str.format with keyword arguments");
  std::string out;
  if (!FieldFormatter(call).Format(StrText(self), 0, &out)) return pj_error();
  return NewStrValue(out);
}

}  // namespace pyjit
