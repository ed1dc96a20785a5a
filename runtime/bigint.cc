#include "runtime/bigint.h"

#include <cfloat>
#include <climits>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/errors.h"
#include "runtime/numbers.h"

namespace pyjit {
namespace {

// A GMP integer that frees itself; initialized from any int value.
class Mpz {
 public:
  Mpz() { mpz_init(z_); }
  explicit Mpz(PjValue v) {
    if (IsBigInt(v)) {
      mpz_init_set(z_, AsBigInt(v)->value);
    } else {
      mpz_init_set_si(z_, v.as.i);
    }
  }
  ~Mpz() { mpz_clear(z_); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;

  operator mpz_ptr() { return z_; }
  mpz_ptr operator->() { return z_; }  // GMP's macros (mpz_sgn, ...) use ->

 private:
  mpz_t z_;
};

// A read-only GMP view of any int, without copying or allocating: a big
// int's own value, or a small int's magnitude in one limb on the stack.
class MpzView {
 public:
  explicit MpzView(PjValue v) {
    if (IsBigInt(v)) {
      view_ = AsBigInt(v)->value;
      return;
    }
    int64_t i = v.as.i;
    limb_ = i < 0 ? 0 - static_cast<mp_limb_t>(i) : static_cast<mp_limb_t>(i);
    view_ = mpz_roinit_n(storage_, &limb_, i < 0 ? -1 : (i > 0 ? 1 : 0));
  }
  MpzView(const MpzView&) = delete;
  MpzView& operator=(const MpzView&) = delete;

  operator mpz_srcptr() const { return view_; }
  mpz_srcptr operator->() const { return view_; }  // GMP's macros use ->

 private:
  static_assert(sizeof(mp_limb_t) == sizeof(int64_t), "one limb holds a small int");
  mp_limb_t limb_ = 0;
  mpz_t storage_;
  mpz_srcptr view_;
};

// Results wider than this many bits are refused with MemoryError rather
// than attempted: CPython would try, and take minutes or all memory.
constexpr uint64_t kMaxResultBits = uint64_t{1} << 32;

PjValue TooBig() { return Raise(ExcKind::kMemoryError, ""); }

// Rounds the non-negative integer `z` to a double with round-half-even,
// keeping at most `precision` significant bits; returns the mantissa value
// as a double and the power of two to scale it by.
double RoundToPrecision(mpz_srcptr z, int precision, long* exponent) {
  size_t bits = mpz_sizeinbase(z, 2);
  if (bits <= static_cast<size_t>(precision)) {
    *exponent = 0;
    return mpz_get_d(z);  // exact
  }
  Mpz top;
  long drop = static_cast<long>(bits) - precision;
  mpz_tdiv_q_2exp(top, z, drop);
  // Round half to even on the dropped bits.
  bool half = mpz_tstbit(z, drop - 1);
  bool below_half_nonzero = mpz_scan1(z, 0) < static_cast<mp_bitcnt_t>(drop - 1);
  if (half && (below_half_nonzero || mpz_odd_p(top))) mpz_add_ui(top, top, 1);
  *exponent = drop;
  return mpz_get_d(top);  // at most precision + 1 bits: exact
}

// |z| * 2**scale as a correctly rounded double (subnormals included);
// sets *overflow when it exceeds the double range.
double ScaledToDouble(mpz_srcptr magnitude, long scale, bool* overflow) {
  *overflow = false;
  if (mpz_sgn(magnitude) == 0) return 0.0;
  long top_bit = static_cast<long>(mpz_sizeinbase(magnitude, 2)) - 1 + scale;
  int precision = DBL_MANT_DIG;
  if (top_bit < DBL_MIN_EXP - 1) {  // the result is subnormal: fewer bits
    precision -= static_cast<int>((DBL_MIN_EXP - 1) - top_bit);
    if (precision < 1) precision = 1;  // rounds to 0 or the least subnormal
  }
  long exponent;
  double mantissa = RoundToPrecision(magnitude, precision, &exponent);
  double d = std::ldexp(mantissa, static_cast<int>(exponent + scale));
  if (std::isinf(d)) *overflow = true;
  return d;
}

}  // namespace

int IntSign(PjValue v) {
  if (IsBigInt(v)) return mpz_sgn(AsBigInt(v)->value);
  return v.as.i < 0 ? -1 : (v.as.i > 0 ? 1 : 0);
}

PjValue IntFromMpz(mpz_t z, Heap::Lifetime lifetime) {
  if (mpz_fits_slong_p(z)) return pj_int(mpz_get_si(z));
  size_t limb_bytes = mpz_size(z) * sizeof(mp_limb_t);
  auto* big = reinterpret_cast<PjBigInt*>(
      TheHeap().Allocate(PJ_TAG_BIGINT, sizeof(PjBigInt), lifetime, limb_bytes));
  mpz_init(big->value);
  mpz_swap(big->value, z);
  return pj_object(PJ_TAG_BIGINT, &big->head);
}

PjValue IntFromDigits(absl::string_view digits, int base, Heap::Lifetime lifetime) {
  Mpz z;
  std::string text(digits);
  mpz_set_str(z, text.c_str(), base);
  return IntFromMpz(z, lifetime);
}

PjValue IntFromDouble(double d) {
  double t = std::trunc(d);
  if (t < 9223372036854775808.0 && t >= -9223372036854775808.0) {
    return pj_int(static_cast<int64_t>(t));
  }
  Mpz z;
  mpz_set_d(z, t);  // exact: a double this large is an integer
  return IntFromMpz(z);
}

PjValue IntBinaryWide(BinaryOp op, PjValue a, PjValue b) {
  MpzView x(a), y(b);
  Mpz r;
  switch (op) {
    case BinaryOp::kAdd: mpz_add(r, x, y); break;
    case BinaryOp::kSub: mpz_sub(r, x, y); break;
    case BinaryOp::kMul: mpz_mul(r, x, y); break;
    case BinaryOp::kTrueDiv:
      if (mpz_sgn(y) == 0) return Raise(ExcKind::kZeroDivisionError, "division by zero");
      return IntTrueDivide(a, b);
    case BinaryOp::kFloorDiv:
      if (mpz_sgn(y) == 0) {
        return Raise(ExcKind::kZeroDivisionError, "integer division or modulo by zero");
      }
      mpz_fdiv_q(r, x, y);  // floor: Python's rounding
      break;
    case BinaryOp::kMod:
      if (mpz_sgn(y) == 0) return Raise(ExcKind::kZeroDivisionError, "integer modulo by zero");
      mpz_fdiv_r(r, x, y);  // takes the sign of the divisor, as in Python
      break;
    case BinaryOp::kPow: {
      // The caller turns negative exponents into float arithmetic.
      if (mpz_sgn(y) == 0) return pj_int(1);
      if (mpz_cmpabs_ui(x, 1) <= 0) {  // 0, 1 or -1: any exponent will do
        return pj_int(mpz_sgn(x) < 0 && mpz_odd_p(y) ? -1 : mpz_sgn(x) == 0 ? 0 : 1);
      }
      if (!mpz_fits_ulong_p(y)) return TooBig();
      unsigned long e = mpz_get_ui(y);
      if (static_cast<double>(mpz_sizeinbase(x, 2)) * static_cast<double>(e) >
          static_cast<double>(kMaxResultBits)) {
        return TooBig();
      }
      mpz_pow_ui(r, x, e);
      break;
    }
    case BinaryOp::kLShift:
      if (mpz_sgn(y) < 0) return Raise(ExcKind::kValueError, "negative shift count");
      if (mpz_sgn(x) == 0) return pj_int(0);
      if (!mpz_fits_ulong_p(y) || mpz_get_ui(y) + mpz_sizeinbase(x, 2) > kMaxResultBits) {
        // CPython counts the shift in 30-bit digits first: a count of digits
        // beyond a Py_ssize_t is an OverflowError, a smaller one a failed
        // allocation.
        Mpz digits;
        mpz_fdiv_q_ui(digits, y, 30);
        if (mpz_cmp_si(digits, INT64_MAX) > 0) {
          return Raise(ExcKind::kOverflowError, "too many digits in integer");
        }
        return TooBig();
      }
      mpz_mul_2exp(r, x, mpz_get_ui(y));
      break;
    case BinaryOp::kRShift:
      if (mpz_sgn(y) < 0) return Raise(ExcKind::kValueError, "negative shift count");
      if (!mpz_fits_ulong_p(y)) return pj_int(mpz_sgn(x) < 0 ? -1 : 0);
      mpz_fdiv_q_2exp(r, x, mpz_get_ui(y));  // floor, as Python's >> is
      break;
    // GMP's bitwise operations act on two's complement, as Python's do.
    case BinaryOp::kAnd: mpz_and(r, x, y); break;
    case BinaryOp::kOr: mpz_ior(r, x, y); break;
    case BinaryOp::kXor: mpz_xor(r, x, y); break;
  }
  return IntFromMpz(r);
}

PjValue IntNegate(PjValue a) {
  Mpz r;
  mpz_neg(r, MpzView(a));
  return IntFromMpz(r);
}

PjValue IntInvert(PjValue a) {
  Mpz r;
  mpz_com(r, MpzView(a));
  return IntFromMpz(r);
}

PjValue IntAbs(PjValue a) {
  Mpz r;
  mpz_abs(r, MpzView(a));
  return IntFromMpz(r);
}

PjValue IntTrueDivide(PjValue a, PjValue b) {
  const int64_t kExact = int64_t{1} << DBL_MANT_DIG;
  if (!IsBigInt(a) && !IsBigInt(b) && a.as.i >= -kExact && a.as.i <= kExact &&
      b.as.i >= -kExact && b.as.i <= kExact) {
    return pj_float(static_cast<double>(a.as.i) / static_cast<double>(b.as.i));
  }
  // Divide |a| * 2**shift by |b| so that the quotient has 64 bits or more,
  // fold a non-zero remainder into its lowest bit (so that it still rounds
  // the right way), and round that once to a double.
  Mpz x(a), y(b), q, rem;
  bool negative = (mpz_sgn(x) < 0) != (mpz_sgn(y) < 0);
  mpz_abs(x, x);
  mpz_abs(y, y);
  long shift = 66 - (static_cast<long>(mpz_sizeinbase(x, 2)) -
                     static_cast<long>(mpz_sizeinbase(y, 2)));
  if (shift > 0) {
    mpz_mul_2exp(x, x, shift);
  } else {
    mpz_mul_2exp(y, y, -shift);
  }
  mpz_tdiv_qr(q, rem, x, y);
  if (mpz_sgn(rem) != 0) mpz_setbit(q, 0);
  bool overflow;
  double d = ScaledToDouble(q, -shift, &overflow);
  if (overflow) {
    return Raise(ExcKind::kOverflowError, "integer division result too large for a float");
  }
  return pj_float(negative ? -d : d);
}

int CompareInts(PjValue a, PjValue b) {
  if (!IsBigInt(a) && !IsBigInt(b)) return a.as.i < b.as.i ? -1 : (a.as.i > b.as.i ? 1 : 0);
  if (IsBigInt(a) && IsBigInt(b)) {
    int c = mpz_cmp(AsBigInt(a)->value, AsBigInt(b)->value);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  // A big int lies beyond every small one, on the side of its sign.
  return IsBigInt(a) ? IntSign(a) : -IntSign(b);
}

int CompareIntWithFloat(PjValue i, double f) {
  if (!IsBigInt(i)) return CompareIntWithDouble(i.as.i, f);
  int c = mpz_cmp_d(AsBigInt(i)->value, f);  // exact, infinities included
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool IntToDouble(PjValue i, double* out) {
  if (!IsBigInt(i)) {
    *out = static_cast<double>(i.as.i);  // the conversion rounds correctly
    return true;
  }
  mpz_srcptr z = AsBigInt(i)->value;
  mpz_t magnitude;  // |z|, read-only, sharing z's limbs
  mpz_roinit_n(magnitude, mpz_limbs_read(z), static_cast<mp_size_t>(mpz_size(z)));
  bool overflow;
  double d = ScaledToDouble(magnitude, 0, &overflow);
  if (overflow) {
    Raise(ExcKind::kOverflowError, "int too large to convert to float");
    return false;
  }
  *out = IntSign(i) < 0 ? -d : d;
  return true;
}

bool IntToInt64(PjValue i, int64_t* out) {
  if (IsBigInt(i)) return false;
  *out = i.as.i;
  return true;
}

bool IntToDecimal(PjValue i, std::string* out) {
  if (!IsBigInt(i)) {
    *out = absl::StrCat(i.as.i);
    return true;
  }
  mpz_srcptr z = AsBigInt(i)->value;
  // mpz_sizeinbase is exact or one too many, so only a number that is
  // certainly too long is refused before converting.
  if (mpz_sizeinbase(z, 10) <= static_cast<size_t>(kMaxStrDigits) + 1) {
    out->resize(mpz_sizeinbase(z, 10) + 2);
    mpz_get_str(out->data(), 10, z);
    out->resize(std::char_traits<char>::length(out->c_str()));
    size_t digits = out->size() - (mpz_sgn(z) < 0 ? 1 : 0);
    if (digits <= static_cast<size_t>(kMaxStrDigits)) return true;
  }
  RaiseF(ExcKind::kValueError,
         "Exceeds the limit (%d digits) for integer string conversion; use "
         "sys.set_int_max_str_digits() to increase the limit",
         kMaxStrDigits);
  return false;
}

}  // namespace pyjit
