#include "runtime/builtins.h"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "runtime/bigint.h"
#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/exceptions.h"
#include "runtime/fast_paths.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/iterators.h"
#include "runtime/list_sort.h"
#include "runtime/numeric_builtins.h"
#include "runtime/ops.h"
#include "runtime/python_names.h"
#include "runtime/set.h"
#include "runtime/suggestions.h"
#include "runtime/text_format.h"
#include "runtime/unicode.h"

namespace pyjit {

bool Output::Write(std::string_view text) {
  if (!printed_) {
    printed_ = true;
    first_print_ = std::chrono::steady_clock::now();
  }
  if (capture_ != nullptr) {
    capture_->append(text);
    return true;
  }
  buffer_.append(text);
  if (buffer_.size() >= (1 << 16)) return Flush();
  return true;
}

bool Output::Flush() {
  errno = 0;
  bool ok = true;
  if (!buffer_.empty()) {
    ok = std::fwrite(buffer_.data(), 1, buffer_.size(), stdout) == buffer_.size();
    buffer_.clear();  // what could not be written is lost, as in CPython
  }
  ok = std::fflush(stdout) == 0 && ok;
  if (ok) return true;
  const int error = errno != 0 ? errno : EIO;
  clearerr(stdout);
  RaiseF(error == EPIPE ? ExcKind::kBrokenPipeError : ExcKind::kOSError, "[Errno %d] %s", error,
         std::strerror(error));
  return false;
}

Output& StdOut() {
  static Output* out = new Output();
  return *out;
}

namespace {

bool IsIntLike(PjValue v) { return v.tag == PJ_TAG_INT || v.tag == PJ_TAG_BOOL; }

// Str(v), or false when formatting raised (an int beyond 4300 digits).
bool StrChecked(PjValue v, std::string* out) {
  *out = Str(v);
  return !CurrentError().set;
}

PjValue NewStr(std::string_view s) {
  return pj_object(PJ_TAG_STR, &TheHeap().NewStr(s)->head);
}


// Collects any iterable's items.
bool Collect(PjValue iterable, std::vector<PjValue>& out) {
  PjValue it = pj_get_iter(iterable);
  if (IsError(it)) return false;
  PjValue item;
  int more;
  while ((more = pj_iter_next(it, &item)) > 0) out.push_back(item);
  return more == 0;
}

PjValue Print(const CallArgs& call) {
  std::string sep = " ", end = "\n";
  for (int i = 0; i < call.nkw(); ++i) {
    const PjStr* key = pj_as_str(call.kwnames->items[i]);
    std::string_view name(key->data, key->nbytes);
    PjValue v = call.kwvalues[i];
    std::string* target;
    if (name == "sep") {
      target = &sep;
    } else if (name == "end") {
      target = &end;
    } else {
      return RaiseF(ExcKind::kTypeError, "'%s' is an invalid keyword argument for print()",
                    std::string(name));
    }
    if (v.tag == PJ_TAG_NONE) continue;
    if (v.tag != PJ_TAG_STR) {
      return RaiseF(ExcKind::kTypeError, "%s must be None or a string, not %s",
                    std::string(name), TypeName(v));
    }
    *target = Str(v);
  }
  std::string line;
  for (int i = 0; i < call.nargs; ++i) {
    if (i > 0) line += sep;
    std::string text;
    if (!StrChecked(call.args[i], &text)) return pj_error();
    line += text;
  }
  line += end;
  if (!StdOut().Write(line)) return pj_error();
  return pj_none();
}

PjValue Len(const CallArgs& call) {
  if (!CheckArgCount("len", call, 1, 1)) return pj_error();
  PjValue v = call.args[0];
  switch (v.tag) {
    case PJ_TAG_STR: return pj_int(pj_as_str(v)->nchars);
    case PJ_TAG_LIST: return pj_int(pj_as_list(v)->size);
    case PJ_TAG_TUPLE: return pj_int(pj_as_tuple(v)->size);
    case PJ_TAG_DICT: return pj_int(AsDict(v)->used);
    case PJ_TAG_SET: return pj_int(AsSet(v)->used);
    case PJ_TAG_DICT_VIEW: return pj_int(reinterpret_cast<const PjDictView*>(v.as.obj)->dict->used);
    case PJ_TAG_RANGE: {
      const auto* r = reinterpret_cast<const PjRange*>(v.as.obj);
      return pj_int(RangeLength(r->start, r->stop, r->step));
    }
    default:
      return RaiseF(ExcKind::kTypeError, "object of type '%s' has no len()", TypeName(v));
  }
}

PjValue Range(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "range() takes no keyword arguments");
  if (call.nargs == 0) return Raise(ExcKind::kTypeError, "range expected at least 1 argument, got 0");
  if (call.nargs > 3) {
    return RaiseF(ExcKind::kTypeError, "range expected at most 3 arguments, got %d", call.nargs);
  }
  int64_t v[3];
  for (int i = 0; i < call.nargs; ++i) {
    if (!IsAnyInt(call.args[i])) {
      return RaiseF(ExcKind::kTypeError, "'%s' object cannot be interpreted as an integer",
                    TypeName(call.args[i]));
    }
    if (!IntToInt64(call.args[i], &v[i])) {
      return Raise(ExcKind::kOverflowError,
                   "range() arguments beyond 64 bits are not supported by pyjit");
    }
  }
  int64_t start = 0, stop, step = 1;
  if (call.nargs == 1) {
    stop = v[0];
  } else {
    start = v[0];
    stop = v[1];
    if (call.nargs == 3) step = v[2];
  }
  if (step == 0) return Raise(ExcKind::kValueError, "range() arg 3 must not be zero");
  return pj_object(PJ_TAG_RANGE, &TheHeap().NewRange(start, stop, step)->head);
}

PjValue Abs(const CallArgs& call) {
  if (!CheckArgCount("abs", call, 1, 1)) return pj_error();
  PjValue v = call.args[0];
  if (IsIntLike(v) && v.as.i != INT64_MIN) return pj_int(v.as.i < 0 ? -v.as.i : v.as.i);
  if (IsAnyInt(v)) return IntAbs(v);
  if (v.tag == PJ_TAG_FLOAT) return pj_float(std::fabs(v.as.f));
  return RaiseF(ExcKind::kTypeError, "bad operand type for abs(): '%s'", TypeName(v));
}

// min() and max(): of an iterable (with `default=` when it is empty) or of
// the arguments; `key=` compares what the function makes of each item.
PjValue MinMax(const CallArgs& call, bool is_max) {
  const char* name = is_max ? "max" : "min";
  PjValue key = pj_none(), default_value = pj_unbound();
  for (int k = 0; k < call.nkw(); ++k) {
    const std::string_view kw = StrText(call.kwnames->items[k]);
    if (kw == "key") {
      key = call.kwvalues[k];
    } else if (kw == "default") {
      default_value = call.kwvalues[k];
    } else {
      return RaiseF(ExcKind::kTypeError, "'%s' is an invalid keyword argument for %s()",
                    std::string(kw), name);
    }
  }
  if (call.nargs == 0) {
    return RaiseF(ExcKind::kTypeError, "%s expected at least 1 argument, got 0", name);
  }
  if (call.nargs > 1 && default_value.tag != PJ_TAG_UNBOUND) {
    return RaiseF(ExcKind::kTypeError,
                  "Cannot specify a default for %s() with multiple positional arguments", name);
  }
  std::vector<PjValue> items;
  if (call.nargs == 1) {
    if (!Collect(call.args[0], items)) return pj_error();
    if (items.empty()) {
      if (default_value.tag != PJ_TAG_UNBOUND) return default_value;
      return RaiseF(ExcKind::kValueError, "%s() arg is an empty sequence", name);
    }
  } else {
    items.assign(call.args, call.args + call.nargs);
  }
  PjValue best = items[0];
  PjValue best_key = key.tag == PJ_TAG_NONE ? best : CallValue(key, &best, 1);
  if (IsError(best_key)) return best_key;
  // The first of equal items wins, as in CPython.
  for (size_t i = 1; i < items.size(); ++i) {
    PjValue item_key = key.tag == PJ_TAG_NONE ? items[i] : CallValue(key, &items[i], 1);
    if (IsError(item_key)) return item_key;
    PjValue better = pj_compare_op(static_cast<int32_t>(is_max ? CompareOp::kGt : CompareOp::kLt),
                                   item_key, best_key);
    if (IsError(better)) return better;
    if (better.as.i) {
      best = items[i];
      best_key = item_key;
    }
  }
  return best;
}

PjValue Min(const CallArgs& call) { return MinMax(call, false); }
PjValue Max(const CallArgs& call) { return MinMax(call, true); }

PjValue FloatToInt(double d) {
  if (std::isnan(d)) return Raise(ExcKind::kValueError, "cannot convert float NaN to integer");
  if (std::isinf(d)) {
    return Raise(ExcKind::kOverflowError, "cannot convert float infinity to integer");
  }
  return IntFromDouble(d);
}

// int(text, base) as CPython's PyLong_FromUnicodeObject: Unicode decimal
// digits count as ASCII ones and Unicode white space as a space; then an
// optional sign, for base 0 or the matching base a 0x/0o/0b prefix, digits
// with single underscores between them (and after a prefix), white space
// around. Returns the error value with ValueError raised otherwise.
PjValue IntFromText(PjValue text, int base) {
  const PjStr* str = pj_as_str(text);
  std::string_view utf8(str->data, str->nbytes);
  std::string ascii;  // '?' stands for any other non-ASCII character
  for (size_t at = 0; at < utf8.size();) {
    uint32_t cp = NextCodePoint(utf8, &at);
    if (cp < 0x80) {
      ascii += static_cast<char>(cp);
    } else if (int d = DecimalValue(cp); d >= 0) {
      ascii += static_cast<char>('0' + d);
    } else {
      ascii += IsSpace(cp) ? ' ' : '?';
    }
  }
  auto invalid = [&]() {
    std::string shown = Repr(text);
    if (shown.size() > 200) shown = shown.substr(0, 200);  // CPython's %.200R
    return RaiseF(ExcKind::kValueError, "invalid literal for int() with base %d: %s", base,
                  shown);
  };
  auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t i = 0, end = ascii.size();
  while (i < end && is_space(ascii[i])) ++i;
  while (end > i && is_space(ascii[end - 1])) --end;
  bool negative = false;
  if (i < end && (ascii[i] == '+' || ascii[i] == '-')) negative = ascii[i++] == '-';
  int radix = base;
  bool after_prefix = false;
  if (i + 1 < end && ascii[i] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(ascii[i + 1])));
    int prefixed = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefixed != 0 && (base == 0 || base == prefixed)) {
      radix = prefixed;
      i += 2;
      after_prefix = true;
    }
  }
  if (radix == 0) radix = 10;
  std::string digits;
  bool last_underscore = false;
  for (; i < end; ++i) {
    char c = ascii[i];
    if (c == '_') {
      // One underscore between digits, or right after a prefix.
      if (last_underscore || (digits.empty() && !after_prefix)) return invalid();
      last_underscore = true;
      continue;
    }
    int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : std::isalpha(static_cast<unsigned char>(c))
                    ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                    : 99;
    if (value >= radix) return invalid();
    digits += c;
    last_underscore = false;
  }
  if (digits.empty() || last_underscore) return invalid();
  // Base 0 takes decimal without leading zeros, as a literal: "010" is
  // invalid, "000" is 0.
  if (base == 0 && radix == 10 && digits[0] == '0' &&
      digits.find_first_not_of('0') != std::string::npos) {
    return invalid();
  }
  // CPython limits only the bases that are not powers of two, and counts
  // every digit, leading zeros too.
  if ((radix & (radix - 1)) != 0 && digits.size() > static_cast<size_t>(kMaxStrDigits)) {
    return RaiseF(ExcKind::kValueError,
                  "Exceeds the limit (%d digits) for integer string conversion: value has "
                  "%d digits; use sys.set_int_max_str_digits() to increase the limit",
                  kMaxStrDigits, digits.size());
  }
  PjValue magnitude = IntFromDigits(digits, radix);
  return negative ? pj_unary_op(static_cast<int32_t>(UnaryOp::kNegative), magnitude) : magnitude;
}

PjValue Int(const CallArgs& call) {
  PjValue base_value = pj_none();
  bool has_base = call.nargs >= 2;
  if (has_base) base_value = call.args[1];
  for (int i = 0; i < call.nkw(); ++i) {
    const PjStr* key = pj_as_str(call.kwnames->items[i]);
    if (std::string_view(key->data, key->nbytes) != "base" || has_base) {
      return RaiseF(ExcKind::kTypeError, "'%s' is an invalid keyword argument for int()",
                    std::string(key->data, key->nbytes));
    }
    base_value = call.kwvalues[i];
    has_base = true;
  }
  if (call.nargs > 2) {
    return RaiseF(ExcKind::kTypeError, "int() takes at most 2 arguments (%d given)",
                  call.nargs);
  }
  if (call.nargs == 0) {
    if (has_base) return Raise(ExcKind::kTypeError, "int() missing string argument");
    return pj_int(0);
  }
  PjValue v = call.args[0];
  if (has_base) {
    if (!IsAnyInt(base_value)) {
      return RaiseF(ExcKind::kTypeError,
                    "'%s' object cannot be interpreted as an integer", TypeName(base_value));
    }
    int64_t base;
    if (!IntToInt64(base_value, &base) || (base != 0 && (base < 2 || base > 36))) {
      return Raise(ExcKind::kValueError, "int() base must be >= 2 and <= 36, or 0");
    }
    if (v.tag != PJ_TAG_STR) {
      return Raise(ExcKind::kTypeError, "int() can't convert non-string with explicit base");
    }
    return IntFromText(v, static_cast<int>(base));
  }
  if (IsIntLike(v)) return pj_int(v.as.i);
  if (IsBigInt(v)) return v;
  if (v.tag == PJ_TAG_FLOAT) return FloatToInt(v.as.f);
  if (v.tag == PJ_TAG_STR) return IntFromText(v, 10);
  return RaiseF(ExcKind::kTypeError,
                "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                TypeName(v));
}

PjValue Float(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "float() takes no keyword arguments");
  if (call.nargs == 0) return pj_float(0.0);
  if (!CheckArgCount("float", call, 0, 1)) return pj_error();
  PjValue v = call.args[0];
  if (IsAnyInt(v)) {
    double d;
    if (!IntToDouble(v, &d)) return pj_error();
    return pj_float(d);
  }
  if (v.tag == PJ_TAG_FLOAT) return v;
  if (v.tag == PJ_TAG_STR) {
    std::string text(pj_as_str(v)->data, pj_as_str(v)->nbytes);
    std::string s(absl::StripAsciiWhitespace(text));
    std::string lower = absl::AsciiStrToLower(s);
    std::string body = lower;
    double sign = 1.0;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
      if (body[0] == '-') sign = -1.0;
      body.erase(0, 1);
    }
    if (body == "inf" || body == "infinity") return pj_float(sign * INFINITY);
    if (body == "nan") return pj_float(NAN);
    bool valid = !body.empty() && body.find("inf") == std::string::npos &&
                 body.find("nan") == std::string::npos && body.find("0x") == std::string::npos;
    std::string cleaned = absl::StrReplaceAll(s, {{"_", ""}});
    char* end = nullptr;
    double d = valid ? std::strtod(cleaned.c_str(), &end) : 0.0;
    if (valid && end != nullptr && *end == '\0' && !cleaned.empty()) return pj_float(d);
    return RaiseF(ExcKind::kValueError, "could not convert string to float: %s", Repr(v));
  }
  return RaiseF(ExcKind::kTypeError, "float() argument must be a string or a real number, not '%s'",
                TypeName(v));
}

PjValue StrBuiltin(const CallArgs& call) {
  if (!CheckArgCount("str", call, 0, 1)) return pj_error();
  if (call.nargs == 0) return NewStr("");
  if (call.args[0].tag == PJ_TAG_STR) return call.args[0];
  std::string text;
  if (!StrChecked(call.args[0], &text)) return pj_error();
  return NewStr(text);
}

PjValue ReprBuiltin(const CallArgs& call) {
  if (!CheckArgCount("repr", call, 1, 1)) return pj_error();
  std::string text = Repr(call.args[0]);
  if (CurrentError().set) return pj_error();
  return NewStr(text);
}

PjValue AsciiBuiltin(const CallArgs& call) {
  if (!CheckArgCount("ascii", call, 1, 1)) return pj_error();
  std::string text = Ascii(call.args[0]);
  if (CurrentError().set) return pj_error();
  return NewStr(text);
}

PjValue FormatBuiltin(const CallArgs& call) {
  if (!CheckArgCount("format", call, 1, 2)) return pj_error();
  if (call.nargs == 2 && call.args[1].tag != PJ_TAG_STR) {
    return RaiseF(ExcKind::kTypeError, "format() argument 2 must be str, not %s",
                  TypeName(call.args[1]));
  }
  std::string text;
  if (!FormatWithSpec(call.args[0], call.nargs == 2 ? StrText(call.args[1]) : "", &text)) {
    return pj_error();
  }
  return NewStr(text);
}

// any() and all(): the first item whose truth is `stop` decides.
PjValue AnyAll(const char* name, bool stop, const CallArgs& call) {
  if (!CheckArgCount(name, call, 1, 1)) return pj_error();
  PjValue it = pj_get_iter(call.args[0]);
  if (IsError(it)) return it;
  PjValue item;
  int more;
  while ((more = pj_iter_next(it, &item)) > 0) {
    if (static_cast<bool>(pj_truthy(item)) == stop) return pj_bool(stop);
  }
  return more < 0 ? pj_error() : pj_bool(!stop);
}

PjValue Any(const CallArgs& call) { return AnyAll("any", true, call); }
PjValue All(const CallArgs& call) { return AnyAll("all", false, call); }

int SortLessThan(PjValue a, PjValue b);

// The keys of a sort by key= while it runs (TimSort's comparison is a
// plain function): the items sorted are their indexes. Saved and restored,
// for a key function that itself sorts.
const std::vector<PjValue>* sort_keys = nullptr;
int KeyLessThan(PjValue a, PjValue b) {
  return SortLessThan((*sort_keys)[a.as.i], (*sort_keys)[b.as.i]);
}

// sorted(iterable, key=None, reverse=False), stable as CPython's: with a
// key, the keys are computed once each, in order, and sorted carrying
// their items.
PjValue Sorted(const CallArgs& call) {
  if (call.nargs != 1) {
    return call.nargs == 0 ? Raise(ExcKind::kTypeError, "sorted expected 1 argument, got 0")
                           : RaiseF(ExcKind::kTypeError, "sorted expected 1 argument, got %d",
                                    call.nargs);
  }
  bool reverse = false;
  PjValue key = pj_none();
  for (int k = 0; k < call.nkw(); ++k) {
    const std::string_view kw = StrText(call.kwnames->items[k]);
    PjValue value = call.kwvalues[k];
    if (kw == "reverse") {
      reverse = pj_truthy(value);
    } else if (kw == "key") {
      key = value;
    } else {
      return RaiseF(ExcKind::kTypeError, "'%s' is an invalid keyword argument for sort()",
                    std::string(kw));
    }
  }
  std::vector<PjValue> items;
  if (!Collect(call.args[0], items)) return pj_error();
  if (key.tag == PJ_TAG_NONE) {
    // Reversed, sorted, reversed: stable in both directions, as CPython's.
    if (reverse) std::reverse(items.begin(), items.end());
    bool ok = TimSort(items.data(), static_cast<int64_t>(items.size()), SortLessThan);
    if (!ok) return pj_error();
    if (reverse) std::reverse(items.begin(), items.end());
    return pj_build_list(items.data(), static_cast<int32_t>(items.size()));
  }
  std::vector<PjValue> keys;
  keys.reserve(items.size());
  for (PjValue item : items) {
    PjValue k = CallValue(key, &item, 1);
    if (IsError(k)) return k;
    keys.push_back(k);
  }
  std::vector<PjValue> order;
  for (size_t i = 0; i < items.size(); ++i) order.push_back(pj_int(static_cast<int64_t>(i)));
  if (reverse) std::reverse(order.begin(), order.end());
  const std::vector<PjValue>* outer = sort_keys;
  sort_keys = &keys;
  bool ok = TimSort(order.data(), static_cast<int64_t>(order.size()), KeyLessThan);
  sort_keys = outer;
  if (!ok) return pj_error();
  if (reverse) std::reverse(order.begin(), order.end());
  std::vector<PjValue> sorted;
  sorted.reserve(items.size());
  for (PjValue i : order) sorted.push_back(items[i.as.i]);
  return pj_build_list(sorted.data(), static_cast<int32_t>(sorted.size()));
}

// iter(iterable) and next(iterator[, default]).
PjValue IterBuiltin(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "iter() takes no keyword arguments");
  if (call.nargs == 0) return Raise(ExcKind::kTypeError, "iter expected at least 1 argument, got 0");
  if (call.nargs > 1) return RaiseUnsupported("iter() with a sentinel");
  return pj_get_iter(call.args[0]);
}

PjValue NextBuiltin(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "next() takes no keyword arguments");
  if (call.nargs == 0) return Raise(ExcKind::kTypeError, "next expected at least 1 argument, got 0");
  if (call.nargs > 2) {
    return RaiseF(ExcKind::kTypeError, "next expected at most 2 arguments, got %d", call.nargs);
  }
  if (!IsIterator(call.args[0])) {
    return RaiseF(ExcKind::kTypeError, "'%s' object is not an iterator", TypeName(call.args[0]));
  }
  PjValue item;
  const int more = pj_iter_next(call.args[0], &item);
  if (more < 0) return pj_error();
  if (more > 0) return item;
  if (call.nargs == 2) return call.args[1];
  return Raise(ExcKind::kStopIteration, "");
}

PjValue CallableBuiltin(const CallArgs& call) {
  if (!CheckArgCount("callable", call, 1, 1)) return pj_error();
  return pj_bool(IsCallable(call.args[0]));
}

// id(x): unique among the values alive at once, as CPython's: an object's
// address; an unboxed value's payload (pyjit has no object for it, and
// programs may not print it).
PjValue IdBuiltin(const CallArgs& call) {
  if (!CheckArgCount("id", call, 1, 1)) return pj_error();
  PjValue v = call.args[0];
  if (pj_is_heap(v)) return pj_int(static_cast<int64_t>(reinterpret_cast<uintptr_t>(v.as.obj)));
  return pj_int(static_cast<int64_t>(v.as.bits >> 1) ^ (static_cast<int64_t>(v.tag) << 56));
}

PjValue HashBuiltin(const CallArgs& call) {
  if (!CheckArgCount("hash", call, 1, 1)) return pj_error();
  int64_t h;
  if (!Hash(call.args[0], &h)) return pj_error();
  return pj_int(h);
}

PjValue Ord(const CallArgs& call) {
  if (!CheckArgCount("ord", call, 1, 1)) return pj_error();
  PjValue c = call.args[0];
  if (c.tag != PJ_TAG_STR) {
    return RaiseF(ExcKind::kTypeError, "ord() expected string of length 1, but %s found",
                  TypeName(c));
  }
  if (pj_as_str(c)->nchars != 1) {
    return RaiseF(ExcKind::kTypeError, "ord() expected a character, but string of length %d found",
                  pj_as_str(c)->nchars);
  }
  size_t at = 0;
  return pj_int(NextCodePoint(StrText(c), &at));
}

PjValue Chr(const CallArgs& call) {
  if (!CheckArgCount("chr", call, 1, 1)) return pj_error();
  PjValue i = call.args[0];
  if (!IsAnyInt(i)) {
    return RaiseF(ExcKind::kTypeError, "'%s' object cannot be interpreted as an integer",
                  TypeName(i));
  }
  int64_t cp;
  if (!IntToInt64(i, &cp) || cp < INT32_MIN || cp > INT32_MAX) {
    return Raise(ExcKind::kOverflowError, "Python int too large to convert to C int");
  }
  if (cp < 0 || cp > 0x10FFFF) return Raise(ExcKind::kValueError, "chr() arg not in range(0x110000)");
  std::string text;
  AppendUtf8(text, static_cast<uint32_t>(cp));
  return NewStr(text);
}

PjValue Bool(const CallArgs& call) {
  if (!CheckArgCount("bool", call, 0, 1)) return pj_error();
  if (call.nargs == 0) return pj_bool(0);
  return pj_bool(pj_truthy(call.args[0]));
}

PjValue ListBuiltin(const CallArgs& call) {
  if (!CheckArgCount("list", call, 0, 1)) return pj_error();
  std::vector<PjValue> items;
  if (call.nargs == 1 && !Collect(call.args[0], items)) return pj_error();
  PjList* list = TheHeap().NewList(items.size());
  std::copy(items.begin(), items.end(), list->items);
  return pj_object(PJ_TAG_LIST, &list->head);
}

PjValue TupleBuiltin(const CallArgs& call) {
  if (!CheckArgCount("tuple", call, 0, 1)) return pj_error();
  if (call.nargs == 1 && call.args[0].tag == PJ_TAG_TUPLE) return call.args[0];
  std::vector<PjValue> items;
  if (call.nargs == 1 && !Collect(call.args[0], items)) return pj_error();
  PjTuple* t = TheHeap().NewTuple(items.size());
  std::copy(items.begin(), items.end(), t->items);
  return pj_object(PJ_TAG_TUPLE, &t->head);
}

PjValue Sum(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "sum() keyword arguments are not supported by pyjit");
  if (call.nargs < 1 || call.nargs > 2) {
    return RaiseF(ExcKind::kTypeError, "sum() takes at least 1 positional argument (%d given)",
                  call.nargs);
  }
  PjValue total = call.nargs == 2 ? call.args[1] : pj_int(0);
  if (total.tag == PJ_TAG_STR) {
    return Raise(ExcKind::kTypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  }
  std::vector<PjValue> items;
  if (!Collect(call.args[0], items)) return pj_error();
  for (PjValue item : items) {
    total = pj_binary_op(static_cast<int32_t>(BinaryOp::kAdd), total, item);
    if (IsError(total)) return total;
  }
  return total;
}

// isinstance(x, int) and isinstance(x, (int, float)); types are the
// builtins of the same name.
PjValue IsInstance(const CallArgs& call) {
  if (!CheckArgCount("isinstance", call, 2, 2)) return pj_error();
  PjValue x = call.args[0];
  std::vector<PjValue> types;
  if (call.args[1].tag == PJ_TAG_TUPLE) {
    const PjTuple* t = pj_as_tuple(call.args[1]);
    types.assign(t->items, t->items + t->size);
  } else {
    types.push_back(call.args[1]);
  }
  for (PjValue type : types) {
    if (type.tag == PJ_TAG_EXC_CLASS) {
      if (x.tag == PJ_TAG_EXCEPTION && ExcIsSubclass(ExceptionKind(x), ExceptionKind(type))) {
        return pj_bool(1);
      }
      continue;
    }
    if (type.tag != PJ_TAG_BUILTIN) {
      return Raise(ExcKind::kTypeError,
                   "isinstance() arg 2 must be a type, a tuple of types, or a union");
    }
    std::string_view name = reinterpret_cast<const PjBuiltin*>(type.as.obj)->name;
    bool match = false;
    if (name == "int") {
      match = IsAnyInt(x);  // bool is a subclass of int
    } else if (name == "float" || name == "str" || name == "list" || name == "tuple" ||
               name == "bool" || name == "range" || name == "dict" || name == "set") {
      match = name == TypeName(x);
    } else {
      return Raise(ExcKind::kTypeError,
                   "isinstance() arg 2 must be a type, a tuple of types, or a union");
    }
    if (match) return pj_bool(1);
  }
  return pj_bool(0);
}

// ---- list methods ----

PjList* AsList(PjValue v) { return pj_as_list(v); }

bool MethodArgs(const char* name, const CallArgs& call, int min, int max) {
  if (call.nargs >= min && call.nargs <= max) return true;
  if (min == max && min == 0) {
    RaiseF(ExcKind::kTypeError, "list.%s() takes no arguments (%d given)", name, call.nargs);
  } else if (min == max && min == 1) {
    RaiseF(ExcKind::kTypeError, "list.%s() takes exactly one argument (%d given)", name,
           call.nargs);
  } else if (call.nargs < min) {
    RaiseF(ExcKind::kTypeError, "%s expected %d arguments, got %d", name, min, call.nargs);
  } else {
    RaiseF(ExcKind::kTypeError, "%s expected at most %d argument%s, got %d", name, max,
           max == 1 ? "" : "s", call.nargs);
  }
  return false;
}

PjValue ListAppend(PjValue self, const CallArgs& call) {
  if (!MethodArgs("append", call, 1, 1)) return pj_error();
  TheHeap().Append(AsList(self), call.args[0]);
  return pj_none();
}

PjValue ListExtend(PjValue self, const CallArgs& call) {
  if (!MethodArgs("extend", call, 1, 1)) return pj_error();
  std::vector<PjValue> items;
  if (!Collect(call.args[0], items)) return pj_error();
  PjList* list = AsList(self);
  TheHeap().ReserveList(list, list->size + static_cast<int64_t>(items.size()));
  for (PjValue v : items) TheHeap().Append(list, v);
  return pj_none();
}

PjValue ListPop(PjValue self, const CallArgs& call) {
  if (!MethodArgs("pop", call, 0, 1)) return pj_error();
  PjList* list = AsList(self);
  int64_t i = -1;
  if (call.nargs == 1 && !IndexArg(call.args[0], &i)) return pj_error();
  if (list->size == 0) return Raise(ExcKind::kIndexError, "pop from empty list");
  if (i < 0) i += list->size;
  if (i < 0 || i >= list->size) return Raise(ExcKind::kIndexError, "pop index out of range");
  PjValue v = list->items[i];
  std::memmove(list->items + i, list->items + i + 1, sizeof(PjValue) * (list->size - i - 1));
  --list->size;
  return v;
}

PjValue ListInsert(PjValue self, const CallArgs& call) {
  if (!MethodArgs("insert", call, 2, 2)) return pj_error();
  PjList* list = AsList(self);
  int64_t i;
  if (!IndexArg(call.args[0], &i)) return pj_error();
  if (i < 0) i = std::max<int64_t>(0, i + list->size);
  i = std::min(i, list->size);
  TheHeap().ReserveList(list, list->size + 1);
  std::memmove(list->items + i + 1, list->items + i, sizeof(PjValue) * (list->size - i));
  list->items[i] = call.args[1];
  ++list->size;
  return pj_none();
}

// The first index holding a value == item, -1 if none, -2 on error.
int64_t FindInList(const PjList* list, PjValue item) {
  for (int64_t i = 0; i < list->size; ++i) {
    int eq = pj_items_equal(list->items[i], item);
    if (eq < 0) return -2;
    if (eq) return i;
  }
  return -1;
}

PjValue ListIndex(PjValue self, const CallArgs& call) {
  if (!MethodArgs("index", call, 1, 1)) return pj_error();
  int64_t i = FindInList(AsList(self), call.args[0]);
  if (i == -2) return pj_error();
  if (i < 0) return RaiseF(ExcKind::kValueError, "%s is not in list", Repr(call.args[0]));
  return pj_int(i);
}

PjValue ListRemove(PjValue self, const CallArgs& call) {
  if (!MethodArgs("remove", call, 1, 1)) return pj_error();
  PjList* list = AsList(self);
  int64_t i = FindInList(list, call.args[0]);
  if (i == -2) return pj_error();
  if (i < 0) return Raise(ExcKind::kValueError, "list.remove(x): x not in list");
  std::memmove(list->items + i, list->items + i + 1, sizeof(PjValue) * (list->size - i - 1));
  --list->size;
  return pj_none();
}

PjValue ListCount(PjValue self, const CallArgs& call) {
  if (!MethodArgs("count", call, 1, 1)) return pj_error();
  const PjList* list = AsList(self);
  int64_t n = 0;
  for (int64_t i = 0; i < list->size; ++i) {
    int eq = pj_items_equal(list->items[i], call.args[0]);
    if (eq < 0) return pj_error();
    n += eq;
  }
  return pj_int(n);
}

PjValue ListReverse(PjValue self, const CallArgs& call) {
  if (!MethodArgs("reverse", call, 0, 0)) return pj_error();
  PjList* list = AsList(self);
  std::reverse(list->items, list->items + list->size);
  return pj_none();
}

int SortLessThan(PjValue a, PjValue b) {
  // Small ints, the commonest key, skip the generic comparison (as
  // CPython's unsafe_long_compare does when every key is an int).
  if (a.tag == PJ_TAG_INT && b.tag == PJ_TAG_INT) return a.as.i < b.as.i;
  PjValue lt = pj_compare_op(static_cast<int32_t>(CompareOp::kLt), a, b);
  if (IsError(lt)) return -1;
  return pj_truthy(lt);
}

PjValue ListSort(PjValue self, const CallArgs& call) {
  if (!MethodArgs("sort", call, 0, 0)) return pj_error();
  PjList* list = AsList(self);
  // On a copy, as CPython empties the list while it sorts; written back even
  // after an error, in the order the sort had reached.
  std::vector<PjValue> items(list->items, list->items + list->size);
  bool ok = TimSort(items.data(), static_cast<int64_t>(items.size()), SortLessThan);
  std::copy(items.begin(), items.end(), list->items);
  return ok ? pj_none() : pj_error();
}

PjValue ListCopy(PjValue self, const CallArgs& call) {
  if (!MethodArgs("copy", call, 0, 0)) return pj_error();
  const PjList* list = AsList(self);
  PjList* copy = TheHeap().NewList(list->size);
  std::copy(list->items, list->items + list->size, copy->items);
  return pj_object(PJ_TAG_LIST, &copy->head);
}

PjValue ListClear(PjValue self, const CallArgs& call) {
  if (!MethodArgs("clear", call, 0, 0)) return pj_error();
  AsList(self)->size = 0;
  return pj_none();
}

constexpr MethodEntry kListMethods[] = {
    {"append", ListAppend}, {"extend", ListExtend},   {"pop", ListPop},
    {"insert", ListInsert}, {"index", ListIndex},     {"remove", ListRemove},
    {"count", ListCount},   {"reverse", ListReverse}, {"sort", ListSort},
    {"copy", ListCopy},     {"clear", ListClear},
};

const MethodEntry* FindListMethod(std::string_view name) {
  for (const MethodEntry& m : kListMethods) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

}  // namespace

bool IsIterator(PjValue v) {
  switch (v.tag) {
    case PJ_TAG_RANGE_ITER:
    case PJ_TAG_SEQ_ITER:
    case PJ_TAG_DICT_ITER:
    case PJ_TAG_ADAPTER_ITER:
    case PJ_TAG_GENERATOR:
      return true;
    default:
      return false;
  }
}

bool ExactArgCount(const char* qualified, const CallArgs& call, int n) {
  if (call.nkw() > 0) {
    RaiseF(ExcKind::kTypeError, "%s() takes no keyword arguments", qualified);
    return false;
  }
  if (call.nargs == n) return true;
  if (n == 0) {
    RaiseF(ExcKind::kTypeError, "%s() takes no arguments (%d given)", qualified, call.nargs);
  } else {
    RaiseF(ExcKind::kTypeError, "%s() takes exactly one argument (%d given)", qualified,
           call.nargs);
  }
  return false;
}

const MethodEntry* FindMethod(PjValue self, std::string_view name) {
  switch (self.tag) {
    case PJ_TAG_LIST: return FindListMethod(name);
    case PJ_TAG_STR: return FindStrMethod(name);
    case PJ_TAG_DICT: return FindDictMethod(name);
    case PJ_TAG_SET: return FindSetMethod(name);
    default: return nullptr;
  }
}

namespace {

// ---- modules ----

// A float argument of math's functions: an int converts (OverflowError
// beyond the double range), anything else is CPython's TypeError.
bool RealArg(PjValue v, double* out) {
  if (IsAnyInt(v)) return IntToDouble(v, out);
  if (v.tag == PJ_TAG_FLOAT) {
    *out = v.as.f;
    return true;
  }
  RaiseF(ExcKind::kTypeError, "must be real number, not %s", TypeName(v));
  return false;
}

PjValue OneFloatArg(const char* qualified, const CallArgs& call, double* out) {
  if (!ExactArgCount(qualified, call, 1)) return pj_error();
  return RealArg(call.args[0], out) ? pj_none() : pj_error();
}

// math.log of a positive int, even one beyond the double range:
// log(m * 2**e) = log(m) + e * log(2), as CPython's loghelper.
double LogOfInt(PjValue i) {
  if (!IsBigInt(i)) return std::log(static_cast<double>(i.as.i));
  long e;
  const double m = mpz_get_d_2exp(&e, AsBigInt(i)->value);
  return std::log(m) + static_cast<double>(e) * std::log(2.0);
}

// The natural log of a math.log argument; false with CPython's error.
bool LogArg(PjValue v, double* out) {
  if (IsAnyInt(v)) {
    if (IntSign(v) <= 0) {
      Raise(ExcKind::kValueError, "math domain error");
      return false;
    }
    *out = LogOfInt(v);
    return true;
  }
  double x;
  if (!RealArg(v, &x)) return false;
  if (x <= 0) {
    Raise(ExcKind::kValueError, "math domain error");
    return false;
  }
  *out = std::log(x);
  return true;
}

PjValue MathLog(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "math.log() takes no keyword arguments");
  if (call.nargs < 1 || call.nargs > 2) {
    return Raise(ExcKind::kTypeError, "math.log requires 1 to 2 arguments");
  }
  double num, den = 1;
  if (!LogArg(call.args[0], &num)) return pj_error();
  if (call.nargs == 1) return pj_float(num);
  if (!LogArg(call.args[1], &den)) return pj_error();
  if (den == 0) return Raise(ExcKind::kZeroDivisionError, "float division by zero");
  return pj_float(num / den);
}

PjValue MathExp(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.exp", call, &x))) return pj_error();
  const double r = std::exp(x);
  if (std::isinf(r) && std::isfinite(x)) return Raise(ExcKind::kOverflowError, "math range error");
  return pj_float(r);
}

PjValue MathAtan2(const CallArgs& call) {
  if (call.nkw() > 0) return Raise(ExcKind::kTypeError, "math.atan2() takes no keyword arguments");
  if (call.nargs != 2) {
    return RaiseF(ExcKind::kTypeError, "atan2 expected 2 arguments, got %d", call.nargs);
  }
  double y, x;
  if (!RealArg(call.args[0], &y) || !RealArg(call.args[1], &x)) return pj_error();
  return pj_float(std::atan2(y, x));
}

PjValue MathFabs(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.fabs", call, &x))) return pj_error();
  return pj_float(std::fabs(x));
}

PjValue MathIsNan(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.isnan", call, &x))) return pj_error();
  return pj_bool(std::isnan(x));
}

PjValue MathIsInf(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.isinf", call, &x))) return pj_error();
  return pj_bool(std::isinf(x));
}

PjValue MathResult(double r, double x) {
  if (pj_math_domain_error(r, x)) return Raise(ExcKind::kValueError, "math domain error");
  return pj_float(r);
}

PjValue MathSqrt(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.sqrt", call, &x))) return pj_error();
  return MathResult(std::sqrt(x), x);
}

PjValue MathSin(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.sin", call, &x))) return pj_error();
  return MathResult(std::sin(x), x);
}

PjValue MathCos(const CallArgs& call) {
  double x;
  if (IsError(OneFloatArg("math.cos", call, &x))) return pj_error();
  return MathResult(std::cos(x), x);
}

PjValue MathFloor(const CallArgs& call) {
  if (!ExactArgCount("math.floor", call, 1)) return pj_error();
  if (IsIntLike(call.args[0])) return pj_int(call.args[0].as.i);
  if (IsBigInt(call.args[0])) return call.args[0];
  double x;
  if (IsError(OneFloatArg("math.floor", call, &x))) return pj_error();
  return FloatToInt(std::floor(x));
}

PjValue TimePerfCounter(const CallArgs& call) {
  if (!ExactArgCount("time.perf_counter", call, 0)) return pj_error();
  auto now = std::chrono::steady_clock::now().time_since_epoch();
  return pj_float(std::chrono::duration<double>(now).count());
}

PjValue PermanentBuiltin(const char* name, BuiltinFn fn) {
  auto* b = reinterpret_cast<PjBuiltin*>(
      TheHeap().Allocate(PJ_TAG_BUILTIN, sizeof(PjBuiltin), Heap::Lifetime::kPermanent));
  b->name = name;
  b->fn = fn;
  return pj_object(PJ_TAG_BUILTIN, &b->head);
}

PjValue PermanentModule(const char* name, std::vector<ModuleAttribute> attrs) {
  auto* table = new ModuleAttribute[attrs.size()];  // lives as long as the process
  std::copy(attrs.begin(), attrs.end(), table);
  auto* m = reinterpret_cast<PjModule*>(
      TheHeap().Allocate(PJ_TAG_MODULE, sizeof(PjModule), Heap::Lifetime::kPermanent));
  m->name = name;
  m->attributes = table;
  m->nattributes = static_cast<int>(attrs.size());
  return pj_object(PJ_TAG_MODULE, &m->head);
}

}  // namespace

PjValue LookupBuiltin(std::string_view name) {
  static const std::vector<std::pair<std::string, PjValue>>* table = [] {
    auto* t = new std::vector<std::pair<std::string, PjValue>>{
        {"print", PermanentBuiltin("print", Print)},
        {"len", PermanentBuiltin("len", Len)},
        {"range", PermanentBuiltin("range", Range)},
        {"abs", PermanentBuiltin("abs", Abs)},
        {"min", PermanentBuiltin("min", Min)},
        {"max", PermanentBuiltin("max", Max)},
        {"int", PermanentBuiltin("int", Int)},
        {"float", PermanentBuiltin("float", Float)},
        {"str", PermanentBuiltin("str", StrBuiltin)},
        {"bool", PermanentBuiltin("bool", Bool)},
        {"repr", PermanentBuiltin("repr", ReprBuiltin)},
        {"ord", PermanentBuiltin("ord", Ord)},
        {"dict", PermanentBuiltin("dict", DictBuiltin)},
        {"set", PermanentBuiltin("set", SetBuiltin)},
        {"hash", PermanentBuiltin("hash", HashBuiltin)},
        {"any", PermanentBuiltin("any", Any)},
        {"enumerate", PermanentBuiltin("enumerate", Enumerate)},
        {"zip", PermanentBuiltin("zip", Zip)},
        {"reversed", PermanentBuiltin("reversed", Reversed)},
        {"all", PermanentBuiltin("all", All)},
        {"sorted", PermanentBuiltin("sorted", Sorted)},
        {"divmod", PermanentBuiltin("divmod", DivMod)},
        {"pow", PermanentBuiltin("pow", Pow)},
        {"round", PermanentBuiltin("round", Round)},
        {"hex", PermanentBuiltin("hex", Hex)},
        {"bin", PermanentBuiltin("bin", Bin)},
        {"oct", PermanentBuiltin("oct", Oct)},
        {"ascii", PermanentBuiltin("ascii", AsciiBuiltin)},
        {"format", PermanentBuiltin("format", FormatBuiltin)},
        {"chr", PermanentBuiltin("chr", Chr)},
        {"list", PermanentBuiltin("list", ListBuiltin)},
        {"tuple", PermanentBuiltin("tuple", TupleBuiltin)},
        {"sum", PermanentBuiltin("sum", Sum)},
        {"isinstance", PermanentBuiltin("isinstance", IsInstance)},
        {"iter", PermanentBuiltin("iter", IterBuiltin)},
        {"next", PermanentBuiltin("next", NextBuiltin)},
        {"callable", PermanentBuiltin("callable", CallableBuiltin)},
        {"id", PermanentBuiltin("id", IdBuiltin)},
        {"map", PermanentBuiltin("map", Map)},
        {"filter", PermanentBuiltin("filter", Filter)},
        {"__name__", pj_object(PJ_TAG_STR,
                               &TheHeap().NewStr("__main__", Heap::Lifetime::kPermanent)->head)},
    };
#define PJ_EXC_BUILTIN(name, base) \
  if (ExcKind::k##name != ExcKind::kUnsupported) t->emplace_back(#name, ExcClass(ExcKind::k##name));
    PJ_EXCEPTION_KINDS(PJ_EXC_BUILTIN)
#undef PJ_EXC_BUILTIN
    return t;
  }();
  for (const auto& [n, v] : *table) {
    if (n == name) return v;
  }
  return pj_unbound();
}

// The error for obj.name when pyjit has no such attribute: unsupported when
// CPython has it; otherwise CPython's AttributeError, with its suggestion.
PjValue NoSuchAttribute(PjValue obj, std::string_view name) {
  const bool is_module = obj.tag == PJ_TAG_MODULE;
  // The same words as the frontend's refusal (frontend/subset_check.cc).
  const std::string scope =
      is_module ? reinterpret_cast<const PjModule*>(obj.as.obj)->name : TypeName(obj);
  if (CPythonHas(scope, name)) {
    return RaiseUnsupported(absl::StrCat(scope, ".", std::string(name)));
  }
  std::string message = is_module
                            ? absl::StrFormat("module '%s' has no attribute '%s'", scope,
                                              std::string(name))
                            : absl::StrFormat("'%s' object has no attribute '%s'", scope,
                                              std::string(name));
  std::string suggestion = Suggest(name, CPythonDir(scope));
  if (!suggestion.empty()) absl::StrAppend(&message, ". Did you mean: '", suggestion, "'?");
  return Raise(ExcKind::kAttributeError, message);
}

PjValue ImportModule(std::string_view name) {
  static const PjValue math = PermanentModule(
      "math", {{"sqrt", PermanentBuiltin("sqrt", MathSqrt)},
               {"sin", PermanentBuiltin("sin", MathSin)},
               {"cos", PermanentBuiltin("cos", MathCos)},
               {"floor", PermanentBuiltin("floor", MathFloor)},
               {"exp", PermanentBuiltin("exp", MathExp)},
               {"log", PermanentBuiltin("log", MathLog)},
               {"atan2", PermanentBuiltin("atan2", MathAtan2)},
               {"fabs", PermanentBuiltin("fabs", MathFabs)},
               {"isnan", PermanentBuiltin("isnan", MathIsNan)},
               {"isinf", PermanentBuiltin("isinf", MathIsInf)},
               {"inf", pj_float(HUGE_VAL)},
               {"pi", pj_float(M_PI)}});
  static const PjValue time = PermanentModule(
      "time", {{"perf_counter", PermanentBuiltin("perf_counter", TimePerfCounter)}});
  if (name == "math") return math;
  if (name == "time") return time;
  return RaiseF(ExcKind::kTypeError, "No module named '%s'", std::string(name));
}

// module.name, or null when the module has no such attribute.
const PjValue* FindModuleAttribute(PjValue module, std::string_view name) {
  const auto* m = reinterpret_cast<const PjModule*>(module.as.obj);
  for (int i = 0; i < m->nattributes; ++i) {
    if (name == m->attributes[i].name) return &m->attributes[i].value;
  }
  return nullptr;
}

int MathFunctionOf(const void* builtin) {
  static const PjValue math = ImportModule("math");
  static const std::pair<const char*, int> kInline[] = {
      {"sqrt", PJ_MATH_SQRT}, {"sin", PJ_MATH_SIN}, {"cos", PJ_MATH_COS}};
  for (const auto& [name, function] : kInline) {
    if (FindModuleAttribute(math, name)->as.obj == builtin) return function;
  }
  return -1;
}

bool PyjitHasAttribute(std::string_view scope, std::string_view name) {
  if (scope == "list") return FindListMethod(name) != nullptr;
  if (scope == "str") return FindStrMethod(name) != nullptr;
  if (scope == "dict") return FindDictMethod(name) != nullptr;
  if (scope == "set") return FindSetMethod(name) != nullptr;
  if (scope != "math" && scope != "time") return false;
  return FindModuleAttribute(ImportModule(scope), name) != nullptr;
}

PjValue GetAttribute(PjValue obj, std::string_view name) {
  if (obj.tag == PJ_TAG_MODULE) {
    if (const PjValue* value = FindModuleAttribute(obj, name)) return *value;
    return NoSuchAttribute(obj, name);
  }
  if (obj.tag == PJ_TAG_EXCEPTION) {
    PjValue value = ExceptionAttribute(obj, name);
    if (value.tag != PJ_TAG_UNBOUND) return value;
  }
  if (const MethodEntry* method = FindMethod(obj, name)) {
    auto* m = reinterpret_cast<PjBoundMethod*>(TheHeap().Allocate(
        PJ_TAG_BOUND_METHOD, sizeof(PjBoundMethod), Heap::Lifetime::kCollected));
    m->self = obj;
    m->name = method->name;
    m->fn = method->fn;
    return pj_object(PJ_TAG_BOUND_METHOD, &m->head);
  }
  return NoSuchAttribute(obj, name);
}

bool CheckArgCount(const char* name, const CallArgs& call, int min, int max) {
  if (call.nkw() > 0) {
    RaiseF(ExcKind::kTypeError, "%s() takes no keyword arguments", name);
    return false;
  }
  if (call.nargs >= min && call.nargs <= max) return true;
  if (min == max && min == 1) {
    RaiseF(ExcKind::kTypeError, "%s() takes exactly one argument (%d given)", name, call.nargs);
  } else if (min == max) {
    RaiseF(ExcKind::kTypeError, "%s expected %d arguments, got %d", name, min, call.nargs);
  } else if (call.nargs < min) {
    RaiseF(ExcKind::kTypeError, "%s expected at least %d argument%s, got %d", name, min,
           min == 1 ? "" : "s", call.nargs);
  } else {
    RaiseF(ExcKind::kTypeError, "%s expected at most %d arguments, got %d", name, max,
           call.nargs);
  }
  return false;
}

bool IndexArg(PjValue v, int64_t* out) {
  if (!IsAnyInt(v)) {
    RaiseF(ExcKind::kTypeError, "'%s' object cannot be interpreted as an integer", TypeName(v));
    return false;
  }
  if (!IntToInt64(v, out)) {
    Raise(ExcKind::kOverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

PjValue CallMethod(PjValue self, std::string_view name, const CallArgs& call) {
  if (const MethodEntry* method = FindMethod(self, name)) return method->fn(self, call);
  if (self.tag == PJ_TAG_MODULE) {
    PjValue attr = GetAttribute(self, name);
    if (IsError(attr)) return attr;
    if (attr.tag != PJ_TAG_BUILTIN) {
      return RaiseF(ExcKind::kTypeError, "'%s' object is not callable", TypeName(attr));
    }
    return reinterpret_cast<const PjBuiltin*>(attr.as.obj)->fn(call);
  }
  return NoSuchAttribute(self, name);
}

}  // namespace pyjit
