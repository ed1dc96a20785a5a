#include "runtime/python_names.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace pyjit {
namespace {

#include "runtime/python_names.inc"

}  // namespace

bool CPythonHas(std::string_view scope, std::string_view name) {
  std::string key = std::string(scope) + "." + std::string(name);
  return std::binary_search(std::begin(kCPythonNames), std::end(kCPythonNames), key,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

std::vector<std::string_view> CPythonDir(std::string_view scope) {
  std::vector<std::string_view> names;
  for (std::string_view qualified : kCPythonNames) {
    if (qualified.size() > scope.size() && qualified.substr(0, scope.size()) == scope &&
        qualified[scope.size()] == '.') {
      names.push_back(qualified.substr(scope.size() + 1));
    }
  }
  return names;
}

std::vector<std::string_view> CPythonBuiltinsInOrder() {
  return std::vector<std::string_view>(std::begin(kCPythonBuiltinsInOrder),
                                       std::end(kCPythonBuiltinsInOrder));
}

}  // namespace pyjit
