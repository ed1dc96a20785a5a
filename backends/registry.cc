#include "backends/registry.h"

namespace pyjit {

std::vector<std::string> BackendNames() { return {"tier1"}; }

}  // namespace pyjit
