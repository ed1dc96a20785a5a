// Compiling off the main thread: a trace's recompile by the optimizing
// backend runs on one worker thread while the first-tier trace (or tier 1)
// keeps running, and TierUp installs the result at a later look at the
// trace (PolicyOptions::background_promotions, --background-compile=on).
//
// Only the backend's Compile runs on the worker, on a copy of the trace;
// everything that touches the runtime or TierUp's own state (the code
// budget, links, the policy's measurements) happens on the main thread when
// the result is installed. Only backends whose Compile keeps to memory of
// their own (Backend::CompilesOffThread) are compiled here; a compile of
// the same backend on the main thread waits for the worker's (LockFor).
#ifndef PYJIT_POLICY_BACKGROUND_COMPILER_H_
#define PYJIT_POLICY_BACKGROUND_COMPILER_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "backends/backend.h"
#include "ir/trace.h"

namespace pyjit {

// One compile, shared by the worker and the trace waiting for it.
class BackgroundJob {
 public:
  BackgroundJob(Trace trace, Backend* backend) : trace_(std::move(trace)), backend_(backend) {}
  Backend* backend() const { return backend_; }
  const Trace& trace() const { return trace_; }
  // Whether the worker has finished; then Take may be called, once.
  bool done() const { return done_.load(std::memory_order_acquire); }
  absl::StatusOr<std::unique_ptr<Executor>> Take() { return std::move(result_); }
  double seconds() const { return seconds_; }

 private:
  friend class BackgroundCompiler;
  const Trace trace_;
  Backend* const backend_;
  absl::StatusOr<std::unique_ptr<Executor>> result_ = absl::UnknownError("not compiled yet");
  double seconds_ = 0;
  std::atomic<bool> done_{false};
};

class BackgroundCompiler {
 public:
  BackgroundCompiler();
  // Waits for the compile under way; the queued ones are dropped.
  ~BackgroundCompiler();
  BackgroundCompiler(const BackgroundCompiler&) = delete;
  BackgroundCompiler& operator=(const BackgroundCompiler&) = delete;

  // Finishes the compile under way, drops the queued ones and stops the
  // worker (before reading the backends' statistics, say); Submit after it
  // is a mistake. The destructor does it too.
  void Stop();
  // Queues `trace` for `backend` (which CompilesOffThread).
  std::shared_ptr<BackgroundJob> Submit(const Trace& trace, Backend* backend);
  // Held around a compile on the main thread by a backend that compiles
  // off it too (the worker holds it around its own).
  std::unique_lock<std::mutex> LockFor(const Backend& backend);
  // Drops the finished jobs nobody waits for any more, on the calling
  // (main) thread, so that their executors are freed there.
  void Reap();

 private:
  void Work();

  std::mutex mutex_;  // guards queue_, finished_ and stopping_
  std::condition_variable wake_;
  std::deque<std::shared_ptr<BackgroundJob>> queue_;
  std::vector<std::shared_ptr<BackgroundJob>> finished_;
  bool stopping_ = false;
  std::mutex compile_mutex_;  // around every compile of an off-thread backend
  std::thread worker_;  // last: started once the rest is made
};

}  // namespace pyjit

#endif  // PYJIT_POLICY_BACKGROUND_COMPILER_H_
