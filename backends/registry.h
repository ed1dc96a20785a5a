// The execution engines a user picks with --backend. `tier1` is the tier-1
// interpreter alone (no Backend object); every other name is a tier-2
// Backend that registered itself here.
#ifndef PYJIT_BACKENDS_REGISTRY_H_
#define PYJIT_BACKENDS_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "backends/backend.h"

namespace pyjit {

// The name of the engine without tier 2.
inline constexpr char kTierOneOnly[] = "tier1";

// Called by a backend's static registrar (see interp/interp_backend.cc).
bool RegisterBackend(std::unique_ptr<Backend> backend);

// Null when no backend has that name.
Backend* FindBackend(const std::string& name);

// The names --backend accepts, `tier1` first, then backends by name.
std::vector<std::string> BackendNames();

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_REGISTRY_H_
