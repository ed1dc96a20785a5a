#include "policy/background_compiler.h"

#include <chrono>
#include <utility>

namespace pyjit {

BackgroundCompiler::BackgroundCompiler() : worker_([this] { Work(); }) {}

BackgroundCompiler::~BackgroundCompiler() { Stop(); }

void BackgroundCompiler::Stop() {
  std::deque<std::shared_ptr<BackgroundJob>> dropped;  // freed here, unlocked
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    dropped.swap(queue_);
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::shared_ptr<BackgroundJob> BackgroundCompiler::Submit(const Trace& trace, Backend* backend) {
  auto job = std::make_shared<BackgroundJob>(trace, backend);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(job);
  }
  wake_.notify_one();
  return job;
}

std::unique_lock<std::mutex> BackgroundCompiler::LockFor(const Backend& backend) {
  if (!backend.CompilesOffThread()) return {};
  return std::unique_lock<std::mutex>(compile_mutex_);
}

void BackgroundCompiler::Reap() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::erase_if(finished_, [](const std::shared_ptr<BackgroundJob>& job) {
    return job.use_count() == 1;
  });
}

void BackgroundCompiler::Work() {
  for (;;) {
    std::shared_ptr<BackgroundJob> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    {
      std::lock_guard<std::mutex> compiling(compile_mutex_);
      // Timed without the wait for a main-thread compile of the backend.
      const auto start = std::chrono::steady_clock::now();
      job->result_ = job->backend_->Compile(job->trace_);
      job->seconds_ =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    job->done_.store(true, std::memory_order_release);
    // Kept until Reap, so that the main thread frees what nobody took.
    std::lock_guard<std::mutex> lock(mutex_);
    finished_.push_back(std::move(job));
  }
}

}  // namespace pyjit
