// The execution engines a user can pick with --backend. Today there is one,
// the tier-1 interpreter; the tier-2 IR adds a Backend interface here and
// every JIT backend registers under its name.
#ifndef PYJIT_BACKENDS_REGISTRY_H_
#define PYJIT_BACKENDS_REGISTRY_H_

#include <string>
#include <vector>

namespace pyjit {

// The names --backend accepts, in the order `pyjit backends` lists them.
std::vector<std::string> BackendNames();

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_REGISTRY_H_
