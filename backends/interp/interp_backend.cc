// The tier-2 interpreter: runs a trace's uops one by one through their C
// bodies. The reference every compiling backend is checked against, and the
// baseline that shows what compiling buys.
#include <memory>

#include "backends/backend.h"
#include "backends/registry.h"
#include "ir/uop_bodies.h"

namespace pyjit {
namespace {

class InterpExecutor : public Executor {
 public:
  explicit InterpExecutor(Trace trace) : Executor(std::move(trace)) {
    nlocals_ = trace_.code->nlocals();
  }

  size_t code_size() const override { return 0; }

 protected:
  int64_t Execute(PjFrame* frame) override {
    PjValue* stack_base = frame->slots + nlocals_;
    PjValue* sp = stack_base + frame->stack_depth;
    const Uop* uops = trace_.uops.data();
    size_t i = 0;
    for (;;) {
      const Uop& u = uops[i];
      int r;
      switch (u.op) {
#define PJ_UOP_CASE(name, pops, pushes, kinds, flags)      \
  case UopId::name:                                       \
    if ((flags) & PJ_F_ESCAPES) frame->pc = u.pc;         \
    r = pj_uop_##name(frame, &sp, u.oparg, u.operand);    \
    break;
        PJ_UOPS(PJ_UOP_CASE)
#undef PJ_UOP_CASE
      }
      if (r == PJ_UOP_NEXT) {
        ++i;
        continue;
      }
      if (r == PJ_UOP_LOOP) {
        i = static_cast<size_t>(trace_.loop_start);
        continue;
      }
      frame->stack_depth = static_cast<int32_t>(sp - stack_base);
      return r == PJ_UOP_EXIT ? ExitAt(i) : ErrorAt(i);
    }
  }

 private:
  int nlocals_;
};

class InterpBackend : public Backend {
 public:
  std::string name() const override { return "interp"; }
  std::string description() const override {
    return "the tier-2 interpreter: tier 1 plus traces run uop by uop (the reference)";
  }
  double ExpectedCompileSecondsPerUop() const override {
    return 1e-8;  // a copy of the uops, 4 ns a uop
  }

  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) override {
    return std::unique_ptr<Executor>(new InterpExecutor(trace));
  }
};

const bool registered = RegisterBackend(std::make_unique<InterpBackend>());

}  // namespace
}  // namespace pyjit
