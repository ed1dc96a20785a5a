#include "backends/registry.h"

#include <map>

namespace pyjit {
namespace {

std::map<std::string, std::unique_ptr<Backend>>& Backends() {
  static auto* backends = new std::map<std::string, std::unique_ptr<Backend>>();
  return *backends;
}

}  // namespace

bool RegisterBackend(std::unique_ptr<Backend> backend) {
  std::string name = backend->name();
  return Backends().emplace(name, std::move(backend)).second;
}

Backend* FindBackend(const std::string& name) {
  auto it = Backends().find(name);
  return it == Backends().end() ? nullptr : it->second.get();
}

std::vector<std::string> BackendNames() {
  std::vector<std::string> names = {kTierOneOnly};
  for (const auto& [name, backend] : Backends()) names.push_back(name);
  return names;
}

}  // namespace pyjit
