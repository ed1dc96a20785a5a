// Where a test's data files are: Bazel's runfiles tree of this workspace
// (or the current directory when run by hand).
#ifndef PYJIT_TESTS_RUNFILES_H_
#define PYJIT_TESTS_RUNFILES_H_

#include <cstdlib>
#include <string>

namespace pyjit {

inline std::string RunfilesDir() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  return std::string(srcdir ? srcdir : ".") + "/" + (workspace ? workspace : "pyjit");
}

}  // namespace pyjit

#endif  // PYJIT_TESTS_RUNFILES_H_
