#include "backends/llvm/body_library.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Transforms/Utils/Cloning.h"

namespace pyjit::llvm_backend {

absl::StatusOr<std::unique_ptr<BodyLibrary>> BodyLibrary::Parse(llvm::StringRef bitcode,
                                                                llvm::LLVMContext& context) {
  llvm::Expected<std::unique_ptr<llvm::Module>> bodies =
      llvm::parseBitcodeFile(llvm::MemoryBufferRef(bitcode, "uop_bodies"), context);
  if (!bodies) {
    return absl::InternalError(
        absl::StrCat("LLVM: the bodies' bitcode: ", llvm::toString(bodies.takeError())));
  }
  for (llvm::Function& f : **bodies) {
    if (f.isDeclaration()) continue;
    f.setLinkage(llvm::GlobalValue::InternalLinkage);
    f.removeFnAttr(llvm::Attribute::NoInline);
    f.removeFnAttr(llvm::Attribute::OptimizeNone);
    f.addFnAttr(llvm::Attribute::AlwaysInline);
  }
  return std::unique_ptr<BodyLibrary>(new BodyLibrary(std::move(*bodies)));
}

namespace {

// Adds to `out` every global value `c` names, looking through constant
// expressions and aggregates (a GEP into a table, a struct of pointers).
void GlobalsIn(const llvm::Constant* c, llvm::SmallPtrSetImpl<const llvm::Constant*>& seen,
               std::vector<const llvm::GlobalValue*>& out) {
  if (!seen.insert(c).second) return;
  if (const auto* g = llvm::dyn_cast<llvm::GlobalValue>(c)) {
    out.push_back(g);
    return;
  }
  for (const llvm::Use& operand : c->operands()) {
    if (const auto* inner = llvm::dyn_cast<llvm::Constant>(operand.get())) {
      GlobalsIn(inner, seen, out);
    }
  }
}

void GlobalsUsedBy(const llvm::Function& f, std::vector<const llvm::GlobalValue*>& out) {
  llvm::SmallPtrSet<const llvm::Constant*, 32> seen;
  for (const llvm::BasicBlock& block : f) {
    for (const llvm::Instruction& inst : block) {
      for (const llvm::Use& operand : inst.operands()) {
        if (const auto* c = llvm::dyn_cast<llvm::Constant>(operand.get())) GlobalsIn(c, seen, out);
      }
    }
  }
}

}  // namespace

llvm::Function* BodyLibrary::Import(llvm::Module& module, llvm::StringRef name,
                                    llvm::ValueToValueMapTy& copied) const {
  const llvm::Function* root = bodies_->getFunction(name);
  if (root == nullptr) return nullptr;
  // First a copy without contents of every global the root reaches, so
  // that each definition's copy below finds everything it uses mapped.
  std::vector<const llvm::GlobalValue*> todo = {root};
  std::vector<const llvm::GlobalValue*> definitions;
  while (!todo.empty()) {
    const llvm::GlobalValue* g = todo.back();
    todo.pop_back();
    if (copied.count(g) != 0) continue;
    if (const auto* f = llvm::dyn_cast<llvm::Function>(g)) {
      llvm::Function* copy = llvm::Function::Create(f->getFunctionType(), f->getLinkage(),
                                                    f->getAddressSpace(), f->getName(), &module);
      copy->copyAttributesFrom(f);
      copied[f] = copy;
      if (f->isDeclaration()) continue;
      auto copy_arg = copy->arg_begin();
      for (const llvm::Argument& arg : f->args()) copied[&arg] = &*copy_arg++;
      definitions.push_back(f);
      GlobalsUsedBy(*f, todo);
    } else if (const auto* v = llvm::dyn_cast<llvm::GlobalVariable>(g)) {
      auto* copy = new llvm::GlobalVariable(module, v->getValueType(), v->isConstant(),
                                            v->getLinkage(), nullptr, v->getName(), nullptr,
                                            v->getThreadLocalMode(), v->getAddressSpace());
      copy->copyAttributesFrom(v);
      copied[v] = copy;
      if (!v->hasInitializer()) continue;
      definitions.push_back(v);
      llvm::SmallPtrSet<const llvm::Constant*, 8> seen;
      GlobalsIn(v->getInitializer(), seen, todo);
    } else {
      return nullptr;  // bodies.c makes no aliases or ifuncs
    }
  }
  // Then the contents.
  for (const llvm::GlobalValue* g : definitions) {
    if (const auto* f = llvm::dyn_cast<llvm::Function>(g)) {
      llvm::SmallVector<llvm::ReturnInst*, 4> returns;
      llvm::CloneFunctionInto(llvm::cast<llvm::Function>(copied[f]), f, copied,
                              llvm::CloneFunctionChangeType::DifferentModule, returns);
    } else {
      const auto* v = llvm::cast<llvm::GlobalVariable>(g);
      llvm::cast<llvm::GlobalVariable>(copied[v])
          ->setInitializer(llvm::MapValue(v->getInitializer(), copied));
    }
  }
  return llvm::cast<llvm::Function>(copied[root]);
}

}  // namespace pyjit::llvm_backend
