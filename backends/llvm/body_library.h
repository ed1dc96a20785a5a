// The uop bodies' bitcode (bodies.c), parsed once per process: each trace's
// module gets copies of only the functions it calls and what those use,
// instead of a parse of all of them per trace (which was a fifth of an
// optimized compile).
#ifndef PYJIT_BACKENDS_LLVM_BODY_LIBRARY_H_
#define PYJIT_BACKENDS_LLVM_BODY_LIBRARY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

namespace pyjit::llvm_backend {

class BodyLibrary {
 public:
  // Parses `bitcode` into `context`, which every module Import fills must
  // share. The bodies become internal and always-inline: a trace's module
  // owns its copies and inlines them.
  static absl::StatusOr<std::unique_ptr<BodyLibrary>> Parse(llvm::StringRef bitcode,
                                                            llvm::LLVMContext& context);

  // `name` in `module`: a copy of the library's definition and of every
  // definition it reaches, declarations for what the library only declares
  // (the runtime's entry points, the C library). `copied` maps the
  // library's values to their copies in `module`, so that importing many
  // functions into one module copies each once. Null if the library has no
  // function `name`.
  llvm::Function* Import(llvm::Module& module, llvm::StringRef name,
                         llvm::ValueToValueMapTy& copied) const;

 private:
  explicit BodyLibrary(std::unique_ptr<llvm::Module> bodies) : bodies_(std::move(bodies)) {}

  std::unique_ptr<llvm::Module> bodies_;
};

}  // namespace pyjit::llvm_backend

#endif  // PYJIT_BACKENDS_LLVM_BODY_LIBRARY_H_
