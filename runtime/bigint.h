// Arbitrary-precision ints. An int is a small int (PJ_TAG_INT, 64 bits,
// unboxed) whenever it fits, and a big int (PJ_TAG_BIGINT, a GMP integer on
// the heap) only when it does not: every function here that makes an int
// normalizes, so two equal ints always have the same representation and the
// fast paths never meet a big int that could have been small.
//
// Compiled code never reads a big int; it leaves the fast path when a small
// int operation overflows and calls pj_binary_op, which lands here.
#ifndef PYJIT_RUNTIME_BIGINT_H_
#define PYJIT_RUNTIME_BIGINT_H_

#include <gmp.h>

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "runtime/code.h"
#include "runtime/heap.h"
#include "runtime/value.h"

namespace pyjit {

struct PjBigInt {
  PjObject head;
  mpz_t value;  // never fits in int64_t; immutable once made
};

inline bool IsBigInt(PjValue v) { return v.tag == PJ_TAG_BIGINT; }
// int or bool, small or big.
inline bool IsAnyInt(PjValue v) {
  return v.tag == PJ_TAG_INT || v.tag == PJ_TAG_BOOL || v.tag == PJ_TAG_BIGINT;
}
inline const PjBigInt* AsBigInt(PjValue v) {
  return reinterpret_cast<const PjBigInt*>(v.as.obj);
}

// The int equal to `z`: small if it fits. Leaves `z` unspecified (its limbs
// may be taken over by the new object); the caller still clears it.
PjValue IntFromMpz(mpz_t z, Heap::Lifetime lifetime = Heap::Lifetime::kCollected);

// `digits` in `base` (2, 8, 10 or 16), no sign, no underscores, non-empty.
PjValue IntFromDigits(absl::string_view digits, int base,
                      Heap::Lifetime lifetime = Heap::Lifetime::kCollected);

// int(d) for a finite double: truncates toward zero.
PjValue IntFromDouble(double d);

// Python's int operators where at least one operand is big, or where the
// small-int computation overflowed. Both operands satisfy IsAnyInt.
PjValue IntBinaryWide(BinaryOp op, PjValue a, PjValue b);
PjValue IntNegate(PjValue a);
PjValue IntInvert(PjValue a);
PjValue IntAbs(PjValue a);

// int / int, correctly rounded as CPython does (not via a rounded double of
// each operand). b is not zero.
PjValue IntTrueDivide(PjValue a, PjValue b);

// -1, 0 or 1.
int IntSign(PjValue i);
// The sign of a - b for two ints.
int CompareInts(PjValue a, PjValue b);
// The sign of i - f, exact, for an int and a non-NaN double.
int CompareIntWithFloat(PjValue i, double f);

// float(i), correctly rounded; false with OverflowError raised when it is
// out of the double range.
bool IntToDouble(PjValue i, double* out);

// An int used as a sequence index or count: false (nothing raised) when it
// does not fit in 64 bits.
bool IntToInt64(PjValue i, int64_t* out);

// str(i), or false with CPython's ValueError for more than 4300 digits.
bool IntToDecimal(PjValue i, std::string* out);

// CPython's default limit on int <-> decimal string conversion.
constexpr int kMaxStrDigits = 4300;

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_BIGINT_H_
