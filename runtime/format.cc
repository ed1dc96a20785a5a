#include "runtime/format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/bigint.h"
#include "runtime/dict.h"
#include "runtime/exceptions.h"
#include "runtime/function.h"
#include "runtime/iterators.h"
#include "runtime/set.h"
#include "runtime/objects.h"
#include "runtime/unicode.h"

namespace pyjit {

const char* TypeName(PjValue v) {
  switch (v.tag) {
    case PJ_TAG_NONE: return "NoneType";
    case PJ_TAG_BOOL: return "bool";
    case PJ_TAG_INT:
    case PJ_TAG_BIGINT: return "int";
    case PJ_TAG_FLOAT: return "float";
    case PJ_TAG_STR: return "str";
    case PJ_TAG_LIST: return "list";
    case PJ_TAG_TUPLE: return "tuple";
    case PJ_TAG_RANGE: return "range";
    case PJ_TAG_FUNCTION: return "function";
    case PJ_TAG_BUILTIN: return "builtin_function_or_method";
    case PJ_TAG_MODULE: return "module";
    case PJ_TAG_RANGE_ITER: return "range_iterator";
    case PJ_TAG_SEQ_ITER: return "iterator";
    case PJ_TAG_BOUND_METHOD: return "builtin_function_or_method";
    case PJ_TAG_DICT: return "dict";
    case PJ_TAG_EXC_CLASS: return "type";
    case PJ_TAG_CELL: return "cell";
    case PJ_TAG_SET: return "set";
    case PJ_TAG_GENERATOR: return "generator";
    case PJ_TAG_EXCEPTION: return ExcKindName(ExceptionKind(v));
    case PJ_TAG_ADAPTER_ITER: return AdapterTypeName(reinterpret_cast<const PjAdapterIter*>(v.as.obj));
    case PJ_TAG_DICT_VIEW: {
      static constexpr const char* kNames[] = {"dict_keys", "dict_values", "dict_items"};
      return kNames[static_cast<int>(reinterpret_cast<const PjDictView*>(v.as.obj)->kind)];
    }
    case PJ_TAG_DICT_ITER: {
      static constexpr const char* kNames[] = {"dict_keyiterator", "dict_valueiterator",
                                               "dict_itemiterator"};
      return kNames[static_cast<int>(reinterpret_cast<const PjDictIter*>(v.as.obj)->kind)];
    }
    default: return "object";
  }
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // The shortest round-trip digits, as "d.ddde±x"; Python's repr then picks
  // fixed notation for decimal exponents in [-4, 16).
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string mantissa = sci.substr(0, e);
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    int point = exponent + 1;  // digits before the decimal point
    if (point <= 0) {
      out += "0." + std::string(-point, '0') + digits;
    } else if (point >= static_cast<int>(digits.size())) {
      out += digits + std::string(point - digits.size(), '0') + ".0";
    } else {
      out += digits.substr(0, point) + "." + digits.substr(point);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char exp[16];
  std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+',
                std::abs(exponent));
  return out + exp;
}

std::string ReprString(const char* data, int64_t nbytes) {
  std::string_view s(data, nbytes);
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  // As CPython's unicode_repr: \\ \n \r \t, the quote, \xNN \uNNNN or
  // \UNNNNNNNN for what str.isprintable() rejects, everything else as it is.
  for (size_t at = 0; at < s.size();) {
    size_t start = at;
    uint32_t cp = NextCodePoint(s, &at);
    char hex[16];
    switch (cp) {
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default:
        break;
    }
    if (cp == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += quote;
    } else if (IsPrintable(cp)) {
      out.append(s.substr(start, at - start));
    } else {
      if (cp < 0x100) {
        std::snprintf(hex, sizeof hex, "\\x%02x", cp);
      } else if (cp < 0x10000) {
        std::snprintf(hex, sizeof hex, "\\u%04x", cp);
      } else {
        std::snprintf(hex, sizeof hex, "\\U%08x", cp);
      }
      out += hex;
    }
  }
  out += quote;
  return out;
}

namespace {

void AppendRepr(std::string& out, PjValue v, int depth);

// The lists and tuples being printed, innermost last: one that contains
// itself prints as [...] or (...), as in CPython (Py_ReprEnter).
std::vector<const PjObject*>& ReprStack() {
  static std::vector<const PjObject*> stack;
  return stack;
}

bool BeingPrinted(const PjObject* obj) {
  const auto& stack = ReprStack();
  return std::find(stack.begin(), stack.end(), obj) != stack.end();
}

void AppendItems(std::string& out, const PjValue* items, int64_t n, int depth) {
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    AppendRepr(out, items[i], depth + 1);
  }
}

void AppendRepr(std::string& out, PjValue v, int depth) {
  if (depth > 200) {  // CPython would raise RecursionError; keep it finite
    out += "...";
    return;
  }
  switch (v.tag) {
    case PJ_TAG_NONE: out += "None"; return;
    case PJ_TAG_BOOL: out += v.as.i ? "True" : "False"; return;
    case PJ_TAG_INT: absl::StrAppend(&out, v.as.i); return;
    case PJ_TAG_BIGINT: {
      std::string digits;
      if (IntToDecimal(v, &digits)) out += digits;  // else ValueError is pending
      return;
    }
    case PJ_TAG_FLOAT: out += FormatFloat(v.as.f); return;
    case PJ_TAG_STR: {
      const PjStr* s = pj_as_str(v);
      out += ReprString(s->data, s->nbytes);
      return;
    }
    case PJ_TAG_LIST: {
      const PjList* list = pj_as_list(v);
      if (BeingPrinted(v.as.obj)) {
        out += "[...]";
        return;
      }
      ReprStack().push_back(v.as.obj);
      out += '[';
      AppendItems(out, list->items, list->size, depth);
      out += ']';
      ReprStack().pop_back();
      return;
    }
    case PJ_TAG_TUPLE: {
      const PjTuple* t = pj_as_tuple(v);
      if (t->size > 0 && BeingPrinted(v.as.obj)) {  // only through a list
        out += "(...)";
        return;
      }
      ReprStack().push_back(v.as.obj);
      out += '(';
      AppendItems(out, t->items, t->size, depth);
      if (t->size == 1) out += ',';
      out += ')';
      ReprStack().pop_back();
      return;
    }
    case PJ_TAG_DICT: {
      const PjDict* d = AsDict(v);
      if (BeingPrinted(v.as.obj)) {
        out += "{...}";
        return;
      }
      ReprStack().push_back(v.as.obj);
      out += '{';
      bool first = true;
      for (int64_t k = 0; k < d->nentries; ++k) {
        const PjDictEntry& e = d->entries[k];
        if (e.key.tag == PJ_TAG_UNBOUND) continue;
        if (!first) out += ", ";
        first = false;
        AppendRepr(out, e.key, depth + 1);
        out += ": ";
        AppendRepr(out, e.value, depth + 1);
      }
      out += '}';
      ReprStack().pop_back();
      return;
    }
    case PJ_TAG_SET: {
      const PjSet* s = AsSet(v);
      if (s->used == 0) {
        out += "set()";
        return;
      }
      out += '{';
      bool first = true;
      for (int64_t i = 0; i <= s->mask; ++i) {
        if (s->table[i].key.tag == PJ_TAG_UNBOUND) continue;
        if (!first) out += ", ";
        first = false;
        AppendRepr(out, s->table[i].key, depth + 1);
      }
      out += '}';
      return;
    }
    case PJ_TAG_DICT_VIEW: {
      // dict_keys([...]): the items a fresh iterator gives, as a list.
      const auto* view = reinterpret_cast<const PjDictView*>(v.as.obj);
      PjValue it = NewDictIter(view->dict, view->kind), item;
      std::vector<PjValue> items;
      while (DictIterNext(reinterpret_cast<PjDictIter*>(it.as.obj), &item) > 0) items.push_back(item);
      absl::StrAppend(&out, TypeName(v), "([");
      AppendItems(out, items.data(), static_cast<int64_t>(items.size()), depth);
      out += "])";
      return;
    }
    case PJ_TAG_RANGE: {
      const auto* r = reinterpret_cast<const PjRange*>(v.as.obj);
      absl::StrAppend(&out, "range(", r->start, ", ", r->stop);
      if (r->step != 1) absl::StrAppend(&out, ", ", r->step);
      out += ')';
      return;
    }
    case PJ_TAG_FUNCTION:
      absl::StrAppend(&out, "<function ", FunctionName(v), ">");
      return;
    case PJ_TAG_BUILTIN:
      absl::StrAppend(&out, "<built-in function ",
                      reinterpret_cast<const PjBuiltin*>(v.as.obj)->name, ">");
      return;
    case PJ_TAG_MODULE:
      absl::StrAppend(&out, "<module '",
                      reinterpret_cast<const PjModule*>(v.as.obj)->name, "'>");
      return;
    case PJ_TAG_EXC_CLASS:
      absl::StrAppend(&out, "<class '", ExcClassName(v), "'>");
      return;
    case PJ_TAG_EXCEPTION:
      out += ExceptionRepr(v);
      return;
    case PJ_TAG_BOUND_METHOD: {
      const auto* m = reinterpret_cast<const PjBoundMethod*>(v.as.obj);
      absl::StrAppend(&out, "<built-in method ", m->name, " of ",
                      TypeName(m->self), " object>");
      return;
    }
    default:
      absl::StrAppend(&out, "<", TypeName(v), " object>");
  }
}

}  // namespace

std::string Repr(PjValue v) {
  std::string out;
  AppendRepr(out, v, 0);
  return out;
}

std::string Str(PjValue v) {
  if (v.tag == PJ_TAG_STR) {
    const PjStr* s = pj_as_str(v);
    return std::string(s->data, s->nbytes);
  }
  if (v.tag == PJ_TAG_EXCEPTION) return ExceptionStr(v);
  return Repr(v);
}

}  // namespace pyjit
