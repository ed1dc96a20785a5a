/* Python's numeric corner cases on machine numbers, shared by the runtime's
 * slow paths and (later) the uop bodies: floor division and modulo round
 * toward negative infinity, and ints compare with floats exactly. */
#ifndef PYJIT_RUNTIME_NUMBERS_H_
#define PYJIT_RUNTIME_NUMBERS_H_

#include <math.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* b != 0 and not (a == INT64_MIN && b == -1). */
static inline int64_t FloorDivide(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

/* b != 0 and b != -1. */
static inline int64_t FloorModulo(int64_t a, int64_t b) {
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

/* CPython's float_rem: the result takes the sign of b. b != 0. */
static inline double FloatModulo(double a, double b) {
  double mod = fmod(a, b);
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = copysign(0.0, b);
  }
  return mod;
}

/* CPython's float_floor_div (via _float_div_mod). b != 0. */
static inline double FloatFloorDivide(double a, double b) {
  double mod = fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0.0 && ((b < 0) != (mod < 0))) div -= 1.0;
  if (div != 0.0) {
    double floordiv = floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
    return floordiv;
  }
  return copysign(0.0, a / b);
}

/* The sign of i - f, computed exactly; f is not NaN. */
static inline int CompareIntWithDouble(int64_t i, double f) {
  const int64_t kExact = (int64_t)1 << 53;
  if (isinf(f)) return f > 0 ? -1 : 1;
  if (i >= -kExact && i <= kExact) {
    double di = (double)i;
    return di < f ? -1 : (di > f ? 1 : 0);
  }
  if (f >= 9223372036854775808.0) return -1;
  if (f < -9223372036854775808.0) return 1;
  double fl = floor(f);
  int64_t fi = (int64_t)fl;
  if (i < fi) return -1;
  if (i > fi) return 1;
  return f > fl ? -1 : 0;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYJIT_RUNTIME_NUMBERS_H_ */
