// What CPython 3.11 has that pyjit's subset may not: its builtins, the
// attributes of the types the subset has values of (str, list, tuple, int,
// float, bool, range, NoneType) and of the modules it imports (math, time).
// Generated at build time from python3 (make_python_names.py), so that a
// name outside the subset is refused as such instead of failing as if
// Python lacked it.
#ifndef PYJIT_RUNTIME_PYTHON_NAMES_H_
#define PYJIT_RUNTIME_PYTHON_NAMES_H_

#include <string_view>
#include <vector>

namespace pyjit {

// `scope` is "builtins", a type name as TypeName() gives it, or a module.
bool CPythonHas(std::string_view scope, std::string_view name);

// dir(scope) as CPython lists it (sorted), e.g. for AttributeError's
// suggestions; the builtins in their dict's order, for NameError's.
std::vector<std::string_view> CPythonDir(std::string_view scope);
std::vector<std::string_view> CPythonBuiltinsInOrder();

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_PYTHON_NAMES_H_
