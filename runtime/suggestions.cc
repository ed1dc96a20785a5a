#include "runtime/suggestions.h"

#include <algorithm>
#include <cstdint>

namespace pyjit {
namespace {

constexpr size_t kMaxCandidates = 750;  // CPython gives up on larger scopes
constexpr size_t kMaxStringSize = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

size_t SubstitutionCost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
  if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
  return a == b ? kCaseCost : kMoveCost;
}

// The distance, or max_cost + 1 once it is certainly larger.
size_t Distance(std::string_view a, std::string_view b, size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  size_t row[kMaxStringSize];
  for (size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t bi = 0; bi < b.size(); ++bi) {
    size_t distance = result = bi * kMoveCost;
    size_t minimum = SIZE_MAX;
    for (size_t ai = 0; ai < a.size(); ++ai) {
      size_t substitute = distance + SubstitutionCost(b[bi], a[ai]);
      distance = row[ai];
      size_t insert_delete = std::min(result, distance) + kMoveCost;
      result = std::min(insert_delete, substitute);
      row[ai] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

}  // namespace

std::string Suggest(std::string_view name, const std::vector<std::string_view>& candidates) {
  if (candidates.size() >= kMaxCandidates) return "";
  std::string_view best;
  bool found = false;
  size_t best_distance = SIZE_MAX;
  for (std::string_view item : candidates) {
    if (item == name) continue;
    size_t max_distance = (name.size() + item.size() + 3) * kMoveCost / 6;
    max_distance = std::min(max_distance, best_distance - 1);
    size_t d = Distance(name, item, max_distance);
    if (d > max_distance) continue;
    if (!found || d < best_distance) {
      best = item;
      best_distance = d;
      found = true;
    }
  }
  return std::string(best);
}

}  // namespace pyjit
