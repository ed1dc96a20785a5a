// The executor of a backend that writes machine code into a CodeBlock: the
// trace's code starts at the block's first byte, as a C function
// int64_t (PjFrame*), and returns what Executor::Execute returns.
#ifndef PYJIT_BACKENDS_MACHINE_CODE_EXECUTOR_H_
#define PYJIT_BACKENDS_MACHINE_CODE_EXECUTOR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "backends/backend.h"
#include "backends/code_memory.h"

namespace pyjit {

class MachineCodeExecutor : public Executor {
 public:
  // Whether the code follows links itself (backend.h's contract) or
  // returns at every exit.
  enum class Links { kFollowedInCode, kReturned };
  // `uop_offsets`: where each uop's code starts; `listing`: the backend's
  // own text of the code, or empty; `exit_links`: the table the code was
  // compiled to read, if it reads one.
  MachineCodeExecutor(Trace trace, std::unique_ptr<CodeBlock> block, size_t size,
                      std::vector<size_t> uop_offsets, Links links, std::string listing = "",
                      ExitLinks exit_links = nullptr)
      : Executor(std::move(trace), std::move(exit_links)),
        block_(std::move(block)),
        size_(size),
        uop_offsets_(std::move(uop_offsets)),
        links_(links),
        listing_(std::move(listing)) {}

  size_t code_size() const override { return size_; }
  const uint8_t* code() const override { return block_->base(); }
  std::vector<size_t> uop_offsets() const override { return uop_offsets_; }
  std::string ir_text() const override { return listing_; }
  int64_t (*native_entry() const)(PjFrame*) override {
    return reinterpret_cast<int64_t (*)(PjFrame*)>(block_->base());
  }
  bool follows_links() const override { return links_ == Links::kFollowedInCode; }

 protected:
  int64_t Execute(PjFrame* frame) override { return native_entry()(frame); }

 private:
  std::unique_ptr<CodeBlock> block_;
  size_t size_;
  std::vector<size_t> uop_offsets_;
  Links links_;
  std::string listing_;
};

}  // namespace pyjit

#endif  // PYJIT_BACKENDS_MACHINE_CODE_EXECUTOR_H_
