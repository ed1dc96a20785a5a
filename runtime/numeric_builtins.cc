#include "runtime/numeric_builtins.h"

#include <gmp.h>

#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_format.h"
#include "runtime/bigint.h"
#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/format.h"
#include "runtime/heap.h"
#include "runtime/ops.h"
#include "runtime/text_format.h"

namespace pyjit {
namespace {

// pow's and round's argument clinic: "pow() missing required argument 'exp'
// (pos 2)", "round() takes at most 2 arguments (3 given)".
bool ClinicArgs(const char* name, const CallArgs& call, const char* const* params, int min,
                int max) {
  if (call.nkw() > 0) {
    RaiseUnsupported(absl::StrFormat("%s() with keyword arguments", name));
    return false;
  }
  if (call.nargs > max) {
    RaiseF(ExcKind::kTypeError, "%s() takes at most %d arguments (%d given)", name, max, call.nargs);
    return false;
  }
  if (call.nargs < min) {
    RaiseF(ExcKind::kTypeError, "%s() missing required argument '%s' (pos %d)", name,
           params[call.nargs], call.nargs + 1);
    return false;
  }
  return true;
}

// An mpz holding the int `v` (small or big).
void ToMpz(PjValue v, mpz_t out) {
  if (IsBigInt(v)) {
    mpz_init_set(out, AsBigInt(v)->value);
  } else {
    mpz_init(out);
    mpz_set_si(out, v.as.i);
  }
}

PjValue IntFromMpzCleared(mpz_t z) {
  PjValue v = IntFromMpz(z);
  mpz_clear(z);
  return v;
}

// round(i, ndigits) for an int and ndigits < 0: to a multiple of
// 10**-ndigits, a tie to the even multiple.
PjValue RoundIntToTens(PjValue i, int64_t ndigits) {
  if (ndigits < -4400) return pj_int(0);  // beyond any int pyjit can print: 0
  mpz_t x, unit, q, r, twice;
  ToMpz(i, x);
  mpz_init(unit);
  mpz_ui_pow_ui(unit, 10, static_cast<unsigned long>(-ndigits));
  mpz_inits(q, r, twice, nullptr);
  mpz_fdiv_qr(q, r, x, unit);  // x = q * unit + r, 0 <= r < unit
  mpz_mul_2exp(twice, r, 1);
  const int cmp = mpz_cmp(twice, unit);
  if (cmp > 0 || (cmp == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
  mpz_mul(q, q, unit);
  mpz_clears(x, unit, r, twice, nullptr);
  return IntFromMpzCleared(q);
}

// round(x, ndigits) for a finite float, correctly rounded as CPython's
// double_round (dtoa's mode 3): the exact decimal value of x rounded at
// 10**-ndigits, a tie to even, read back.
double RoundDouble(double x, int64_t ndigits) {
  if (ndigits > 330) return x;  // finer than any double's digits
  if (ndigits >= 0) {
    // glibc's printf rounds the exact binary value, ties to even.
    std::string text = absl::StrFormat("%.*f", static_cast<int>(ndigits), x);
    return std::strtod(text.c_str(), nullptr);
  }
  if (ndigits < -330) return std::copysign(0.0, x);
  // Every digit of |x| (a double's fraction has at most 1074), then the
  // integer part rounded at its -ndigits'th digit from the right.
  std::string exact = absl::StrFormat("%.1100f", std::fabs(x));
  const size_t point = exact.find('.');
  std::string digits = exact.substr(0, point);
  const std::string fraction = exact.substr(point + 1);
  const size_t keep = static_cast<size_t>(-ndigits);
  if (digits.size() < keep) digits.insert(0, keep - digits.size() + 1, '0');
  const size_t cut = digits.size() - keep;
  const std::string dropped = digits.substr(cut);
  std::string kept = digits.substr(0, cut);
  const bool rest_nonzero = fraction.find_first_not_of('0') != std::string::npos ||
                            dropped.find_first_not_of('0', 1) != std::string::npos;
  const bool above_half = dropped[0] > '5' || (dropped[0] == '5' && rest_nonzero);
  const bool tie = dropped[0] == '5' && !rest_nonzero;
  const bool odd = !kept.empty() && (kept.back() - '0') % 2 == 1;
  if (above_half || (tie && odd)) {
    int k = static_cast<int>(kept.size()) - 1;
    while (k >= 0 && kept[k] == '9') kept[k--] = '0';
    if (k < 0) {
      kept.insert(0, 1, '1');
    } else {
      ++kept[k];
    }
  }
  const double r = std::strtod((kept + std::string(keep, '0')).c_str(), nullptr);
  return std::copysign(r, x);
}

// hex, bin, oct: format() with the alternate form, which gives CPython's
// text ("-0xff") for every int.
PjValue IntInBase(const char* spec, const CallArgs& call) {
  PjValue v = call.args[0];
  if (!IsAnyInt(v)) {
    return RaiseF(ExcKind::kTypeError, "'%s' object cannot be interpreted as an integer",
                  TypeName(v));
  }
  std::string out;
  if (v.tag == PJ_TAG_BOOL) v = pj_int(v.as.i);
  if (!FormatWithSpec(v, spec, &out)) return pj_error();
  return NewStrValue(out);
}

}  // namespace

PjValue DivMod(const CallArgs& call) {
  if (!CheckArgCount("divmod", call, 2, 2)) return pj_error();
  PjValue a = call.args[0], b = call.args[1];
  const bool numbers = (IsAnyInt(a) || a.tag == PJ_TAG_FLOAT) && (IsAnyInt(b) || b.tag == PJ_TAG_FLOAT);
  if (!numbers) {
    return RaiseF(ExcKind::kTypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                  TypeName(a), TypeName(b));
  }
  if (a.tag == PJ_TAG_FLOAT || b.tag == PJ_TAG_FLOAT) {
    const bool zero = b.tag == PJ_TAG_FLOAT ? b.as.f == 0.0 : IntSign(b) == 0;
    if (zero) return Raise(ExcKind::kZeroDivisionError, "float divmod()");
  }
  PjValue q = pj_binary_op(static_cast<int32_t>(BinaryOp::kFloorDiv), a, b);
  if (IsError(q)) return q;
  PjValue r = pj_binary_op(static_cast<int32_t>(BinaryOp::kMod), a, b);
  if (IsError(r)) return r;
  PjValue pair[2] = {q, r};
  return pj_build_tuple(pair, 2);
}

PjValue Pow(const CallArgs& call) {
  static const char* const kParams[] = {"base", "exp", "mod"};
  if (!ClinicArgs("pow", call, kParams, 2, 3)) return pj_error();
  PjValue base = call.args[0], exp = call.args[1];
  if (call.nargs == 2 || call.args[2].tag == PJ_TAG_NONE) {
    return pj_binary_op(static_cast<int32_t>(BinaryOp::kPow), base, exp);
  }
  PjValue mod = call.args[2];
  if (!IsAnyInt(base) || !IsAnyInt(exp) || !IsAnyInt(mod)) {
    return Raise(ExcKind::kTypeError,
                 "pow() 3rd argument not allowed unless all arguments are integers");
  }
  if (IntSign(mod) == 0) return Raise(ExcKind::kValueError, "pow() 3rd argument cannot be 0");
  mpz_t b, e, m, r;
  ToMpz(base, b);
  ToMpz(exp, e);
  ToMpz(mod, m);
  mpz_init(r);
  const bool negative_mod = mpz_sgn(m) < 0;
  mpz_abs(m, m);
  bool ok = true;
  if (mpz_sgn(e) < 0) {
    // A negative exponent: the inverse of base (mod m), raised to -exp.
    ok = mpz_invert(b, b, m) != 0;
    mpz_neg(e, e);
  }
  if (ok) {
    mpz_powm(r, b, e, m);  // 0 <= r < |m|
    if (negative_mod && mpz_sgn(r) != 0) mpz_sub(r, r, m);  // the sign of the modulus
  }
  mpz_clears(b, e, m, nullptr);
  if (!ok) {
    mpz_clear(r);
    return Raise(ExcKind::kValueError, "base is not invertible for the given modulus");
  }
  return IntFromMpzCleared(r);
}

PjValue Round(const CallArgs& call) {
  static const char* const kParams[] = {"number", "ndigits"};
  if (!ClinicArgs("round", call, kParams, 1, 2)) return pj_error();
  PjValue x = call.args[0];
  const bool has_ndigits = call.nargs == 2 && call.args[1].tag != PJ_TAG_NONE;
  int64_t ndigits = 0;
  if (!IsAnyInt(x) && x.tag != PJ_TAG_FLOAT) {
    return RaiseF(ExcKind::kTypeError, "type %s doesn't define __round__ method", TypeName(x));
  }
  if (has_ndigits) {
    PjValue n = call.args[1];
    if (!IsAnyInt(n)) {
      return RaiseF(ExcKind::kTypeError, "'%s' object cannot be interpreted as an integer",
                    TypeName(n));
    }
    if (!IntToInt64(n, &ndigits)) ndigits = IntSign(n) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
  }
  if (IsAnyInt(x)) {
    if (x.tag == PJ_TAG_BOOL) x = pj_int(x.as.i);
    return has_ndigits && ndigits < 0 ? RoundIntToTens(x, ndigits) : x;
  }
  const double d = x.as.f;
  if (!has_ndigits) {
    if (std::isinf(d)) return Raise(ExcKind::kOverflowError, "cannot convert float infinity to integer");
    if (std::isnan(d)) return Raise(ExcKind::kValueError, "cannot convert float NaN to integer");
    return IntFromDouble(std::nearbyint(d));  // the default rounding: a tie to even
  }
  if (!std::isfinite(d)) return x;
  return pj_float(RoundDouble(d, ndigits));
}

PjValue Hex(const CallArgs& call) {
  if (!CheckArgCount("hex", call, 1, 1)) return pj_error();
  return IntInBase("#x", call);
}

PjValue Bin(const CallArgs& call) {
  if (!CheckArgCount("bin", call, 1, 1)) return pj_error();
  return IntInBase("#b", call);
}

PjValue Oct(const CallArgs& call) {
  if (!CheckArgCount("oct", call, 1, 1)) return pj_error();
  return IntInBase("#o", call);
}

}  // namespace pyjit
