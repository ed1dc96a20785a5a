// The asmjit backend: x86-64 written by the program itself, uop by uop, in
// the style of Cinder's JIT. trace_emitter.h says how values stay in
// registers across uops; this file owns asmjit's CodeHolder and the W^X
// memory the code is copied into (backends/code_memory.h).
#include <asmjit/x86.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "backends/asmjit/trace_emitter.h"
#include "backends/backend.h"
#include "backends/code_memory.h"
#include "backends/machine_code_executor.h"
#include "backends/registry.h"

namespace pyjit::asmjit_backend {
namespace {

namespace x86 = asmjit::x86;

// asmjit reports errors through a handler; we keep the first.
class ErrorCollector : public asmjit::ErrorHandler {
 public:
  void handleError(asmjit::Error err, const char* message, asmjit::BaseEmitter*) override {
    if (error == asmjit::kErrorOk) {
      error = err;
      text = message;
    }
  }
  asmjit::Error error = asmjit::kErrorOk;
  std::string text;
};

class AsmjitBackend : public Backend {
 public:
  std::string name() const override { return "asmjit"; }
  std::string description() const override {
    return "asmjit 1.9: x86-64 emitted uop by uop, stack values and loop locals in "
           "registers, the rest calling the uop bodies";
  }

  absl::Status Configure(const std::string& key, const std::string& value) override {
    auto flag = [&](bool* out) {
      if (value != "0" && value != "1") {
        return absl::InvalidArgumentError(
            absl::StrCat("--asmjit-", key, " takes 0 or 1, not '", value, "'"));
      }
      *out = value == "1";
      return absl::OkStatus();
    };
    if (key == "keep-ir") return flag(&keep_listing_);
    if (key == "register-locals") return flag(&options_.register_locals);
    if (key == "inject-error") return flag(&options_.inject_error);
    return Backend::Configure(key, value);
  }

  double ExpectedCompileSecondsPerUop() const override {
    return 2e-6;  // 850 ns a uop measured, peeled loops emitted twice
  }

  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) override {
    // One CodeHolder for every trace: a soft reset keeps its zone memory,
    // which is most of what setting one up costs.
    code_.reset(asmjit::ResetPolicy::kSoft);
    ErrorCollector errors;
    asmjit::StringLogger logger;
    code_.init(environment_);
    code_.setErrorHandler(&errors);
    if (keep_listing_) code_.setLogger(&logger);
    x86::Assembler a(&code_);
    std::vector<size_t> offsets;
    EmitStats stats;
    Executor::ExitLinks exit_links = Executor::NewExitLinks(trace);
    absl::Status emitted = EmitTrace(trace, options_, exit_links.get(), a, &offsets, &stats);
    if (errors.error == asmjit::kErrorOk) code_.flatten();
    if (errors.error == asmjit::kErrorOk) code_.resolveUnresolvedLinks();
    if (errors.error != asmjit::kErrorOk) {
      return absl::InternalError(absl::StrCat("asmjit: ", errors.text));
    }
    if (!emitted.ok()) return emitted;
    size_t size = code_.codeSize();
    absl::StatusOr<std::unique_ptr<CodeBlock>> block = CodeBlock::Allocate(size);
    if (!block.ok()) return block.status();
    if (code_.relocateToBase(reinterpret_cast<uint64_t>((*block)->base())) !=
            asmjit::kErrorOk ||
        code_.copyFlattenedData((*block)->base(), size,
                                asmjit::CopySectionFlags::kPadSectionBuffer) !=
            asmjit::kErrorOk) {
      return absl::InternalError("asmjit: relocating the trace failed");
    }
    if (absl::Status s = (*block)->MakeExecutable(); !s.ok()) return s;
    ++traces_;
    if (stats.peeled) ++peeled_;
    if (stats.locals_in_registers > 0) ++with_register_locals_;
    locals_in_registers_ += stats.locals_in_registers;
    std::string listing;
    if (keep_listing_) {
      listing = absl::StrCat("(", stats.locals_in_registers, " locals in registers",
                             stats.peeled ? ", first iteration peeled" : "", ")\n",
                             std::string(logger.data(), logger.dataSize()));
    }
    return std::unique_ptr<Executor>(new MachineCodeExecutor(
        trace, std::move(*block), size, std::move(offsets),
        MachineCodeExecutor::Links::kFollowedInCode, std::move(listing), std::move(exit_links)));
  }

  std::string StatsReport() const override {
    if (traces_ == 0) return "";
    return absl::StrCat("  asmjit: ", with_register_locals_, " of ", traces_,
                        " traces with locals in registers (", locals_in_registers_,
                        " locals); first iterations emitted by asmjit itself: ", peeled_,
                        " (the rest were peeled by the IR optimizer, or do not loop)\n");
  }

 private:
  asmjit::Environment environment_ = asmjit::Environment::host();
  asmjit::CodeHolder code_;
  EmitOptions options_;
  bool keep_listing_ = false;
  int traces_ = 0, peeled_ = 0, with_register_locals_ = 0, locals_in_registers_ = 0;
};

const bool registered = RegisterBackend(std::make_unique<AsmjitBackend>());

}  // namespace
}  // namespace pyjit::asmjit_backend
