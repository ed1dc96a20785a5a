// str() and repr() of values, exactly as CPython prints them.
#ifndef PYJIT_RUNTIME_FORMAT_H_
#define PYJIT_RUNTIME_FORMAT_H_

#include <string>

#include "runtime/value.h"

namespace pyjit {

// CPython's type name: "int", "float", "str", "list", ...
const char* TypeName(PjValue v);
// An int of more than 4300 digits raises CPython's ValueError and is left
// out of the text: a caller that shows the text to the program checks
// CurrentError().set afterwards.
std::string Repr(PjValue v);
std::string Str(PjValue v);
// repr(float): the shortest string that reads back to the same double.
std::string FormatFloat(double d);
std::string ReprString(const char* data, int64_t nbytes);

}  // namespace pyjit

#endif  // PYJIT_RUNTIME_FORMAT_H_
