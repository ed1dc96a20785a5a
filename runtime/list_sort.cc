// Timsort as described in CPython's Objects/listsort.txt, with the choices
// 3.11 makes (minrun, count_run, binary insertion, powersort's run powers,
// merge_lo/merge_hi with MIN_GALLOP 7). Every `<` is asked where CPython
// asks it, so inconsistent comparisons end in the same order.
#include "runtime/list_sort.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace pyjit {
namespace {

constexpr int64_t kMinGallop = 7;

// Thrown nowhere: an error from `less` unwinds through return codes.
class Sorter {
 public:
  Sorter(PjValue* items, int64_t n, LessThan less) : base_(items), n_(n), less_(less) {}

  bool Run() {
    if (n_ < 2) return true;
    int64_t lo = 0, remaining = n_;
    const int64_t minrun = MinRun(n_);
    do {
      bool descending;
      int64_t run = CountRun(lo, lo + remaining, &descending);
      if (run < 0) return false;
      if (descending) std::reverse(base_ + lo, base_ + lo + run);
      if (run < minrun) {
        const int64_t force = remaining <= minrun ? remaining : minrun;
        if (!BinarySort(lo, lo + force, lo + run)) return false;
        run = force;
      }
      if (!FoundNewRun(run)) return false;
      pending_.push_back(Slice{lo, run, 0});
      lo += run;
      remaining -= run;
    } while (remaining > 0);
    // merge_force_collapse
    while (pending_.size() > 1) {
      int64_t i = static_cast<int64_t>(pending_.size()) - 2;
      if (i > 0 && pending_[i - 1].len < pending_[i + 1].len) --i;
      if (!MergeAt(i)) return false;
    }
    return true;
  }

 private:
  struct Slice {
    int64_t base, len;
    int power;
  };

  // 1 when a < b, 0 when not, -1 on error.
  int Lt(PjValue a, PjValue b) { return less_(a, b); }

  static int64_t MinRun(int64_t n) {
    int64_t r = 0;
    while (n >= 64) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // The length of the run at [lo, hi): strictly descending (then
  // `descending`) or non-descending. -1 on error.
  int64_t CountRun(int64_t lo, int64_t hi, bool* descending) {
    *descending = false;
    if (lo + 1 == hi) return 1;
    int64_t n = 2;
    int k = Lt(base_[lo + 1], base_[lo]);
    if (k < 0) return -1;
    if (k) {
      *descending = true;
      for (int64_t i = lo + 2; i < hi; ++i, ++n) {
        k = Lt(base_[i], base_[i - 1]);
        if (k < 0) return -1;
        if (!k) break;
      }
    } else {
      for (int64_t i = lo + 2; i < hi; ++i, ++n) {
        k = Lt(base_[i], base_[i - 1]);
        if (k < 0) return -1;
        if (k) break;
      }
    }
    return n;
  }

  // [lo, start) is sorted; inserts each of [start, hi) by binary search.
  bool BinarySort(int64_t lo, int64_t hi, int64_t start) {
    if (lo == start) ++start;
    for (; start < hi; ++start) {
      int64_t l = lo, r = start;
      PjValue pivot = base_[r];
      do {
        int64_t p = l + ((r - l) >> 1);
        int k = Lt(pivot, base_[p]);
        if (k < 0) return false;
        if (k) {
          r = p;
        } else {
          l = p + 1;
        }
      } while (l < r);
      std::memmove(base_ + l + 1, base_ + l, sizeof(PjValue) * (start - l));
      base_[l] = pivot;
    }
    return true;
  }

  // Powersort: the new run's power decides which pending runs merge now.
  static int PowerLoop(int64_t s1, int64_t n1, int64_t n2, int64_t n) {
    int result = 0;
    int64_t a = 2 * s1 + n1;
    int64_t b = a + n1 + n2;
    for (;;) {
      ++result;
      if (a >= n) {
        a -= n;
        b -= n;
      } else if (b >= n) {
        break;
      }
      a <<= 1;
      b <<= 1;
    }
    return result;
  }

  bool FoundNewRun(int64_t n2) {
    if (pending_.empty()) return true;
    const Slice& last = pending_.back();
    const int power = PowerLoop(last.base, last.len, n2, n_);
    while (pending_.size() > 1 && pending_[pending_.size() - 2].power > power) {
      if (!MergeAt(static_cast<int64_t>(pending_.size()) - 2)) return false;
    }
    pending_.back().power = power;
    return true;
  }

  // Where key goes in sorted a[0..n): the k with a[k-1] < key <= a[k],
  // searched from `hint` outwards. -1 on error.
  int64_t GallopLeft(PjValue key, const PjValue* a, int64_t n, int64_t hint) {
    a += hint;
    int64_t lastofs = 0, ofs = 1;
    int k = Lt(*a, key);
    if (k < 0) return -1;
    if (k) {
      const int64_t maxofs = n - hint;
      while (ofs < maxofs) {
        k = Lt(a[ofs], key);
        if (k < 0) return -1;
        if (!k) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    } else {
      const int64_t maxofs = hint + 1;
      while (ofs < maxofs) {
        k = Lt(*(a - ofs), key);
        if (k < 0) return -1;
        if (k) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      const int64_t t = lastofs;
      lastofs = hint - ofs;
      ofs = hint - t;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
      int64_t m = lastofs + ((ofs - lastofs) >> 1);
      k = Lt(a[m], key);
      if (k < 0) return -1;
      if (k) {
        lastofs = m + 1;
      } else {
        ofs = m;
      }
    }
    return ofs;
  }

  // The k with a[k-1] <= key < a[k]: after every equal item. -1 on error.
  int64_t GallopRight(PjValue key, const PjValue* a, int64_t n, int64_t hint) {
    a += hint;
    int64_t lastofs = 0, ofs = 1;
    int k = Lt(key, *a);
    if (k < 0) return -1;
    if (k) {
      const int64_t maxofs = hint + 1;
      while (ofs < maxofs) {
        k = Lt(key, *(a - ofs));
        if (k < 0) return -1;
        if (!k) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      const int64_t t = lastofs;
      lastofs = hint - ofs;
      ofs = hint - t;
    } else {
      const int64_t maxofs = n - hint;
      while (ofs < maxofs) {
        k = Lt(key, a[ofs]);
        if (k < 0) return -1;
        if (k) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
      int64_t m = lastofs + ((ofs - lastofs) >> 1);
      k = Lt(key, a[m]);
      if (k < 0) return -1;
      if (k) {
        ofs = m;
      } else {
        lastofs = m + 1;
      }
    }
    return ofs;
  }

  bool MergeAt(int64_t i) {
    PjValue* a = base_ + pending_[i].base;
    int64_t na = pending_[i].len;
    PjValue* b = base_ + pending_[i + 1].base;
    int64_t nb = pending_[i + 1].len;
    pending_[i].len = na + nb;
    if (i == static_cast<int64_t>(pending_.size()) - 3) pending_[i + 1] = pending_[i + 2];
    pending_.pop_back();
    // Where b[0] goes in a: the items before it are already in place.
    int64_t k = GallopRight(b[0], a, na, 0);
    if (k < 0) return false;
    a += k;
    na -= k;
    if (na == 0) return true;
    // Where a's last item goes in b: the items after it are in place.
    nb = GallopLeft(a[na - 1], b, nb, nb - 1);
    if (nb <= 0) return nb == 0;
    return na <= nb ? MergeLo(a, na, b, nb) : MergeHi(a, na, b, nb);
  }

  // Merges the na items at a with the nb following them, na <= nb; a[0]
  // is known to follow b[0], and a[na-1] to follow every item of b.
  bool MergeLo(PjValue* a, int64_t na, PjValue* b, int64_t nb) {
    temp_.assign(a, a + na);
    PjValue* dest = a;
    PjValue* ta = temp_.data();
    bool ok = true;
    *dest++ = *b++;
    --nb;
    if (nb == 0) goto succeed;
    if (na == 1) goto copy_b;
    for (;;) {
      int64_t acount = 0, bcount = 0;
      for (;;) {
        int k = Lt(*b, *ta);
        if (k < 0) goto fail;
        if (k) {
          *dest++ = *b++;
          ++bcount;
          acount = 0;
          --nb;
          if (nb == 0) goto succeed;
          if (bcount >= min_gallop_) break;
        } else {
          *dest++ = *ta++;
          ++acount;
          bcount = 0;
          --na;
          if (na == 1) goto copy_b;
          if (acount >= min_gallop_) break;
        }
      }
      ++min_gallop_;
      do {
        min_gallop_ -= min_gallop_ > 1;
        int64_t k = GallopRight(*b, ta, na, 0);
        if (k < 0) goto fail;
        acount = k;
        if (k) {
          std::memcpy(dest, ta, sizeof(PjValue) * k);
          dest += k;
          ta += k;
          na -= k;
          if (na == 1) goto copy_b;
          if (na == 0) goto succeed;  // only with an inconsistent `<`
        }
        *dest++ = *b++;
        --nb;
        if (nb == 0) goto succeed;
        k = GallopLeft(*ta, b, nb, 0);
        if (k < 0) goto fail;
        bcount = k;
        if (k) {
          std::memmove(dest, b, sizeof(PjValue) * k);
          dest += k;
          b += k;
          nb -= k;
          if (nb == 0) goto succeed;
        }
        *dest++ = *ta++;
        --na;
        if (na == 1) goto copy_b;
      } while (acount >= kMinGallop || bcount >= kMinGallop);
      ++min_gallop_;
    }
  fail:
    ok = false;
  succeed:
    if (na) std::memcpy(dest, ta, sizeof(PjValue) * na);
    return ok;
  copy_b:
    // na == 1: all of b, then a's last item.
    std::memmove(dest, b, sizeof(PjValue) * nb);
    dest[nb] = *ta;
    return true;
  }

  // The mirror image, na >= nb: merges from the right end.
  bool MergeHi(PjValue* a, int64_t na, PjValue* b, int64_t nb) {
    temp_.assign(b, b + nb);
    PjValue* dest = b + nb - 1;
    PjValue* base_b = temp_.data();
    PjValue* tb = base_b + nb - 1;
    PjValue* base_a = a;
    PjValue* pa = a + na - 1;
    bool ok = true;
    *dest-- = *pa--;
    --na;
    if (na == 0) goto succeed;
    if (nb == 1) goto copy_a;
    for (;;) {
      int64_t acount = 0, bcount = 0;
      for (;;) {
        int k = Lt(*tb, *pa);
        if (k < 0) goto fail;
        if (k) {
          *dest-- = *pa--;
          ++acount;
          bcount = 0;
          --na;
          if (na == 0) goto succeed;
          if (acount >= min_gallop_) break;
        } else {
          *dest-- = *tb--;
          ++bcount;
          acount = 0;
          --nb;
          if (nb == 1) goto copy_a;
          if (bcount >= min_gallop_) break;
        }
      }
      ++min_gallop_;
      do {
        min_gallop_ -= min_gallop_ > 1;
        int64_t k = GallopRight(*tb, base_a, na, na - 1);
        if (k < 0) goto fail;
        k = na - k;
        acount = k;
        if (k) {
          dest -= k;
          pa -= k;
          std::memmove(dest + 1, pa + 1, sizeof(PjValue) * k);
          na -= k;
          if (na == 0) goto succeed;
        }
        *dest-- = *tb--;
        --nb;
        if (nb == 1) goto copy_a;
        k = GallopLeft(*pa, base_b, nb, nb - 1);
        if (k < 0) goto fail;
        k = nb - k;
        bcount = k;
        if (k) {
          dest -= k;
          tb -= k;
          std::memcpy(dest + 1, tb + 1, sizeof(PjValue) * k);
          nb -= k;
          if (nb == 1) goto copy_a;
          if (nb == 0) goto succeed;  // only with an inconsistent `<`
        }
        *dest-- = *pa--;
        --na;
        if (na == 0) goto succeed;
      } while (acount >= kMinGallop || bcount >= kMinGallop);
      ++min_gallop_;
    }
  fail:
    ok = false;
  succeed:
    if (nb) std::memcpy(dest - (nb - 1), base_b, sizeof(PjValue) * nb);
    return ok;
  copy_a:
    // nb == 1: all that is left of a moves right, b's first item before it.
    dest -= na;
    pa -= na;
    std::memmove(dest + 1, pa + 1, sizeof(PjValue) * na);
    *dest = *tb;
    return true;
  }

  PjValue* base_;
  const int64_t n_;
  LessThan less_;
  std::vector<Slice> pending_;
  std::vector<PjValue> temp_;
  int64_t min_gallop_ = kMinGallop;
};

}  // namespace

bool TimSort(PjValue* items, int64_t n, LessThan less) { return Sorter(items, n, less).Run(); }

}  // namespace pyjit
