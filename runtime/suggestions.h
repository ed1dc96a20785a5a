// CPython 3.11's "Did you mean: 'total'?" on NameError and AttributeError
// (Python/suggestions.c): the candidate nearest by a Levenshtein distance in
// which a case change costs 1 and any other edit 2, within a third of the
// characters involved; the first of equals wins.
#ifndef PYJIT_RUNTIME_SUGGESTIONS_H_
#define PYJIT_RUNTIME_SUGGESTIONS_H_

#include <string>
#include <string_view>
#include <vector>

namespace pyjit {

// The suggestion for `name` among `candidates` (searched in order), or "".
std::string Suggest(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_SUGGESTIONS_H_
