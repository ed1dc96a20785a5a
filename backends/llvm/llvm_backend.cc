// The llvm backend: each trace becomes one LLVM function that calls the uop
// bodies (the same C, compiled to bitcode at build time) and is optimized
// with them inlined, then compiled for the host CPU by ORC's LLJIT.
//
// The function is the trace's control flow made explicit: one block per
// uop, which calls the uop's body and branches on what it returns (next,
// exit, error, loop). The trace works on a shadow copy of the frame that
// SROA turns into registers; after inlining, the tag checks and stack
// traffic of adjacent uops meet, and LLVM folds what it can. Each exit has
// a block of its own that writes back what tier 1 will read, and returns
// the uop's index, as every backend does.
//
// Cost (per uop, compile_benchmark): -O0 calls the bodies and takes about
// 35 us, almost all of it LLVM's code generator; the optimizing levels take
// 500 to 600 us, half optimizing and half generating code, most of it a
// cost per trace (a 6-uop loop takes about 8 ms). Pipelines leaner than
// -O2 saved at most 15% of that and cost up to 2x in steady state.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/backend.h"
#include "backends/llvm/body_library.h"
#include "backends/registry.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ObjectTransformLayer.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCContext.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/Scalarizer.h"
#include "ir/tag_facts.h"
#include "ir/uop_body_table.h"
#include "runtime/exit_links.h"
#include "runtime/ops.h"
#include "runtime/value.h"

namespace pyjit::llvm_backend {

// The bodies' bitcode, embedded at build time (bodies_bitcode.cc).
extern const unsigned char kBodiesBitcode[];
extern const size_t kBodiesBitcode_size;

namespace {

using Clock = std::chrono::steady_clock;

absl::Status ToStatus(llvm::Error error) {
  std::string message = llvm::toString(std::move(error));
  return absl::InternalError(absl::StrCat("LLVM: ", message));
}

// The process's one JIT, made on first use and reused for every trace.
struct Jit {
  std::unique_ptr<llvm::orc::LLJIT> lljit;
  // Every trace's module lives in this one context, the bodies' too, so
  // that a trace copies the bodies it uses instead of parsing them all.
  // (Its types and constants stay until the process ends.)
  llvm::orc::ThreadSafeContext context{std::make_unique<llvm::LLVMContext>()};
  std::unique_ptr<BodyLibrary> bodies;
  std::unique_ptr<llvm::TargetMachine> target;  // for the optimizer's cost models
  // Code generation per --llvm-opt level, as clang's -O levels pick it:
  // -O0 is FastISel and the fast register allocator, the rest
  // SelectionDAG and the greedy one. (LLJIT's own compiler has one level
  // for the whole process; at the default level the generator was three
  // quarters of an -O0 compile.)
  std::unique_ptr<llvm::TargetMachine> codegen[4];
  // Per level, the code generation pipeline, made once: building it was 15%
  // of an -O0 compile. LLVM's legacy pass manager runs again on another
  // module (llc's -run-twice does just that); the object is written to
  // `object` through `stream`, emptied before each run.
  struct CodegenPipeline {
    llvm::SmallVector<char, 0> object;
    std::unique_ptr<llvm::raw_svector_ostream> stream;
    std::unique_ptr<llvm::legacy::PassManager> passes;
  };
  CodegenPipeline pipelines[4];
  int codegen_level = 2;                        // the level of the next compile
  size_t last_object_text_bytes = 0;            // set as each object is linked
};

// LLJIT's compile step, at the level the backend asked for.
class LevelledCompiler : public llvm::orc::IRCompileLayer::IRCompiler {
 public:
  explicit LevelledCompiler(Jit* jit)
      : IRCompiler(llvm::orc::irManglingOptionsFromTargetOptions(jit->target->Options)),
        jit_(jit) {}
  // As ORC's SimpleCompiler, with the pipeline kept (compiles are never
  // concurrent: the backend's callers serialize them).
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> operator()(llvm::Module& module) override {
    Jit::CodegenPipeline& p = jit_->pipelines[jit_->codegen_level];
    if (p.passes == nullptr) {
      p.stream = std::make_unique<llvm::raw_svector_ostream>(p.object);
      p.passes = std::make_unique<llvm::legacy::PassManager>();
      llvm::MCContext* mc = nullptr;
      if (jit_->codegen[jit_->codegen_level]->addPassesToEmitMC(*p.passes, mc, *p.stream)) {
        p.passes = nullptr;
        return llvm::make_error<llvm::StringError>("the target cannot emit machine code",
                                                   llvm::inconvertibleErrorCode());
      }
    }
    p.object.clear();
    p.passes->run(module);
    return llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(p.object.data(), p.object.size()),
                                                module.getModuleIdentifier() + "-jitted-object");
  }

 private:
  Jit* jit_;
};

// `pj-scalarize` in a pipeline's text: the scalarizer with loads and
// stores split too (LLVM 19's text form of the pass has no such option).
// SROA turns each 16-byte slot of the shadow frame (tag and payload, copied
// whole) into a <2 x i64> vector, and a loop then carries its locals in
// vector registers, moving each payload in and out of them for every
// compare and divide; splitting the vectors back into scalars late in the
// function pipeline: matrix_mult 1.8x, int_loops and spectral_norm 1.4x,
// float_series 1.5x in steady state, compile time the same within noise.
void RegisterPassNames(llvm::PassBuilder& pb) {
  pb.registerPipelineParsingCallback(
      [](llvm::StringRef name, llvm::FunctionPassManager& fpm,
         llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
        if (name != "pj-scalarize") return false;
        llvm::ScalarizerPassOptions options;
        options.ScalarizeLoadStore = true;
        fpm.addPass(llvm::ScalarizerPass(options));
        return true;
      });
}

// -O2's pipeline for a trace: LLVM's -O2 function simplification passes in
// their order (`opt -O2 -print-pipeline-passes`), after inlining the uop
// bodies, and nothing of what -O2 adds for a whole program: no
// interprocedural passes, no CGSCC inliner walk, no vectorizers (a trace is
// one function calling only the runtime). Measured against LLVM's own -O2
// list on the workloads' traces: compile_benchmark 551/624 -> 490/571 us a
// uop; in whole runs of eight loop workloads (`--stats`, min of 3) 0.82x
// the compile time per uop and 0.92x the tier-2 time. A shorter list (no
// jump threading, correlated propagation, GVN or the second SROA) cost
// 1.3-1.5x in steady state for 20% less compile time (with FastISel in
// code generation too: 1.35x for 38% less). Parsed per trace: the text
// costs nothing next to the passes.
constexpr char kTracePipeline[] =
    "always-inline,function("
    "simplifycfg,sroa<modify-cfg>,early-cse<memssa>,jump-threading,correlated-propagation,"
    "simplifycfg,instcombine<max-iterations=1;no-verify-fixpoint>,tailcallelim,simplifycfg,"
    "reassociate,"
    "loop-mssa(loop-instsimplify,loop-simplifycfg,licm<no-allowspeculation>,loop-rotate,"
    "licm<allowspeculation>,simple-loop-unswitch),"
    "simplifycfg,instcombine<max-iterations=1;no-verify-fixpoint>,"
    "loop(indvars,loop-deletion,loop-unroll-full),sroa<modify-cfg>,gvn,sccp,bdce,"
    "pj-scalarize,instcombine<max-iterations=1;no-verify-fixpoint>,"
    "jump-threading,correlated-propagation,adce,dse,loop-mssa(licm<allowspeculation>),"
    "simplifycfg,instcombine<max-iterations=1;no-verify-fixpoint>)";

absl::StatusOr<Jit*> TheJit() {
  static Jit* jit = nullptr;
  static absl::Status failure = absl::OkStatus();
  if (jit != nullptr) return jit;
  if (!failure.ok()) return failure;
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return failure = ToStatus(jtmb.takeError());
  auto target = jtmb->createTargetMachine();
  if (!target) return failure = ToStatus(target.takeError());
  auto* j = new Jit{};
  j->target = std::move(*target);
  absl::StatusOr<std::unique_ptr<BodyLibrary>> bodies = BodyLibrary::Parse(
      llvm::StringRef(reinterpret_cast<const char*>(kBodiesBitcode), kBodiesBitcode_size),
      *j->context.getContext());
  if (!bodies.ok()) return failure = bodies.status();
  j->bodies = std::move(*bodies);
  static const llvm::CodeGenOptLevel kCodegenLevels[] = {
      llvm::CodeGenOptLevel::None, llvm::CodeGenOptLevel::Less, llvm::CodeGenOptLevel::Default,
      llvm::CodeGenOptLevel::Aggressive};
  for (int level = 0; level < 4; ++level) {
    llvm::orc::JITTargetMachineBuilder at_level = *jtmb;
    at_level.setCodeGenOptLevel(kCodegenLevels[level]);
    auto tm = at_level.createTargetMachine();
    if (!tm) return failure = ToStatus(tm.takeError());
    j->codegen[level] = std::move(*tm);
  }
  auto lljit = llvm::orc::LLJITBuilder()
                   .setJITTargetMachineBuilder(*jtmb)
                   .setCompileFunctionCreator(
                       [j](llvm::orc::JITTargetMachineBuilder)
                           -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
                         return std::make_unique<LevelledCompiler>(j);
                       })
                   .create();
  if (!lljit) return failure = ToStatus(lljit.takeError());
  j->lljit = std::move(*lljit);
  llvm::orc::JITDylib& dylib = j->lljit->getMainJITDylib();
  // The runtime entry points the bodies call, by address (the executable
  // does not export them), and the C library for anything LLVM emits.
  llvm::orc::MangleAndInterner mangle(j->lljit->getExecutionSession(),
                                      j->lljit->getDataLayout());
  llvm::orc::SymbolMap runtime;
  auto add = [&](const char* name, const void* address) {
    runtime[mangle(name)] = llvm::orc::ExecutorSymbolDef(
        llvm::orc::ExecutorAddr::fromPtr(address), llvm::JITSymbolFlags::Exported);
  };
#define PJ_ADD_ENTRY_POINT(name) add(#name, reinterpret_cast<const void*>(&name));
  PJ_RUNTIME_ENTRY_POINTS(PJ_ADD_ENTRY_POINT)
#undef PJ_ADD_ENTRY_POINT
  add("pj_link_state", &pj_link_state);  // what the exits' link rule reads
  add("pj_back_edges_until_ask", &pj_back_edges_until_ask);  // the back edge's countdown
  if (llvm::Error e = dylib.define(llvm::orc::absoluteSymbols(std::move(runtime)))) {
    return failure = ToStatus(std::move(e));
  }
  auto libc = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      j->lljit->getDataLayout().getGlobalPrefix());
  if (!libc) return failure = ToStatus(libc.takeError());
  dylib.addGenerator(std::move(*libc));
  // Measure each object's machine code as it goes by.
  j->lljit->getObjTransformLayer().setTransform(
      [j](std::unique_ptr<llvm::MemoryBuffer> object)
          -> llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> {
        size_t bytes = 0;
        auto parsed = llvm::object::ObjectFile::createObjectFile(object->getMemBufferRef());
        if (parsed) {
          for (const auto& section : (*parsed)->sections()) {
            if (section.isText()) bytes += section.getSize();
          }
        } else {
          llvm::consumeError(parsed.takeError());
        }
        j->last_object_text_bytes = bytes;
        return std::move(object);
      });
  jit = j;
  return jit;
}

class LlvmExecutor : public Executor {
 public:
  LlvmExecutor(Trace trace, llvm::orc::ResourceTrackerSP tracker,
               int64_t (*entry)(PjFrame*), size_t code_bytes, std::string ir,
               ExitLinks exit_links)
      : Executor(std::move(trace), std::move(exit_links)),
        tracker_(std::move(tracker)),
        entry_(entry),
        code_bytes_(code_bytes),
        ir_(std::move(ir)) {}

  // The JIT's memory for this trace goes with it.
  ~LlvmExecutor() override {
    if (llvm::Error e = tracker_->remove()) llvm::consumeError(std::move(e));
  }

  size_t code_size() const override { return code_bytes_; }
  const uint8_t* code() const override { return reinterpret_cast<const uint8_t*>(entry_); }
  std::string ir_text() const override { return ir_; }
  int64_t (*native_entry() const)(PjFrame*) override { return entry_; }
  bool follows_links() const override { return true; }

 protected:
  int64_t Execute(PjFrame* frame) override { return entry_(frame); }

 private:
  llvm::orc::ResourceTrackerSP tracker_;
  int64_t (*entry_)(PjFrame*);
  size_t code_bytes_;
  std::string ir_;
};

class LlvmBackend : public Backend {
 public:
  std::string name() const override { return "llvm"; }
  std::string description() const override {
    return absl::StrCat("LLVM ", LLVM_VERSION_STRING,
                        " ORC: the uop bodies inlined into one function per trace (at -O0 "
                        "called), -O",
                        opt_level_);
  }

  absl::Status Configure(const std::string& key, const std::string& value) override {
    if (key == "opt" || key == "codegen") {
      int level;
      if (!absl::SimpleAtoi(value, &level) || level < 0 || level > 3) {
        return absl::InvalidArgumentError(
            absl::StrCat("--llvm-", key, " expects 0, 1, 2 or 3, not '", value, "'"));
      }
      (key == "opt" ? opt_level_ : codegen_level_) = level;
      return absl::OkStatus();
    }
    if (key == "passes") {
      // A bare instcombine verifies its fixpoint in LLVM 19 and aborts the
      // process when it misses it; LLVM's own pipelines turn that off.
      std::string pipeline;
      for (size_t at = 0; at < value.size();) {
        size_t found = value.find("instcombine", at);
        if (found == std::string::npos) found = value.size();
        pipeline.append(value, at, found - at);
        if (found == value.size()) break;
        pipeline += "instcombine";
        at = found + std::strlen("instcombine");
        if (at == value.size() || value[at] != '<') pipeline += "<no-verify-fixpoint>";
      }
      // Checked now, so that a misspelt pass is a bad flag, not a trace
      // that fails to compile and runs on interp.
      llvm::PassBuilder pb;
      RegisterPassNames(pb);
      llvm::ModulePassManager mpm;
      if (llvm::Error e = pb.parsePassPipeline(mpm, pipeline)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--llvm-passes: ", llvm::toString(std::move(e))));
      }
      passes_ = pipeline;
      return absl::OkStatus();
    }
    if (key == "keep-ir") {
      keep_ir_ = value == "1";
      return absl::OkStatus();
    }
    return Backend::Configure(key, value);
  }

  // ORC's own memory (JITLink's in-process manager) and one LLVM context
  // whose lock the build and optimization hold.
  bool CompilesOffThread() const override { return true; }

  double ExpectedCompileSecondsPerUop() const override {
    // 0.7 to 1 ms a uop inlined, 60 us at -O0; the first compile sets up
    // ORC.
    return opt_level_ == 0 && passes_.empty() ? 1.5e-4 : 1.5e-3;
  }

  absl::StatusOr<std::unique_ptr<Executor>> Compile(const Trace& trace) override {
    absl::StatusOr<Jit*> jit = TheJit();
    if (!jit.ok()) return jit.status();
    Clock::time_point t0 = Clock::now();
    std::string name = absl::StrCat("pj_trace_", ++traces_);
    Executor::ExitLinks exit_links = Executor::NewExitLinks(trace);
    // -O0 calls the bodies compiled into pyjit; the other levels inline
    // the bodies' bitcode and optimize across uops.
    const bool call_threaded = opt_level_ == 0 && passes_.empty();
    std::unique_ptr<llvm::Module> module;
    std::string ir;
    Clock::time_point t1, t2;
    {
      auto lock = (*jit)->context.getLock();
      module = std::make_unique<llvm::Module>("trace", *(*jit)->context.getContext());
      module->setDataLayout((*jit)->target->createDataLayout());
      module->setTargetTriple((*jit)->target->getTargetTriple().str());
      absl::Status built =
          call_threaded
              ? BuildCallThreadedFunction(*module, trace, name, exit_links.get())
              : BuildTraceFunction(*module, *(*jit)->bodies, trace, name, exit_links.get());
      if (!built.ok()) return built;
      t1 = Clock::now();
      if (!call_threaded) {
        if (absl::Status s = Optimize(*module, (*jit)->target.get()); !s.ok()) return s;
      }
      if (keep_ir_) {
        llvm::raw_string_ostream os(ir);
        module->getFunction(name)->print(os);
      }
      t2 = Clock::now();
    }
    llvm::orc::LLJIT& lljit = *(*jit)->lljit;
    (*jit)->codegen_level = codegen_level_ >= 0 ? codegen_level_ : opt_level_;
    auto tracker = lljit.getMainJITDylib().createResourceTracker();
    if (llvm::Error e = lljit.addIRModule(
            tracker, llvm::orc::ThreadSafeModule(std::move(module), (*jit)->context))) {
      return ToStatus(std::move(e));
    }
    auto address = lljit.lookup(name);
    if (!address) return ToStatus(address.takeError());
    Clock::time_point t3 = Clock::now();
    build_time_ += t1 - t0;
    optimize_time_ += t2 - t1;
    emit_time_ += t3 - t2;
    uops_ += trace.uops.size();
    return std::unique_ptr<Executor>(new LlvmExecutor(
        trace, std::move(tracker), address->toPtr<int64_t (*)(PjFrame*)>(),
        (*jit)->last_object_text_bytes, std::move(ir), std::move(exit_links)));
  }

  std::string StatsReport() const override {
    if (uops_ == 0) return "";
    auto ns_per_uop = [&](Clock::duration d) {
      return std::chrono::duration<double, std::nano>(d).count() / uops_;
    };
    return absl::StrFormat(
        "  llvm -O%d: per uop %.0f ns building IR, %.0f ns optimizing, %.0f ns emitting code\n",
        opt_level_, ns_per_uop(build_time_), ns_per_uop(optimize_time_),
        ns_per_uop(emit_time_));
  }

 private:
  // int64_t pj_trace_N(PjFrame* frame) with one empty block per uop after
  // its entry block: what both ways of building a trace start from.
  struct TraceFunction {
    llvm::Function* fn;
    llvm::Value* frame;
    llvm::BasicBlock* entry;
    std::vector<llvm::BasicBlock*> blocks;
    size_t loop_start;  // JUMP_TO_TOP's block: Trace::loop_start
  };
  static TraceFunction NewTraceFunction(llvm::Module& module, const Trace& trace,
                                        const std::string& name) {
    llvm::LLVMContext& ctx = module.getContext();
    TraceFunction t;
    t.fn = llvm::Function::Create(
        llvm::FunctionType::get(llvm::Type::getInt64Ty(ctx), {llvm::PointerType::get(ctx, 0)},
                                false),
        llvm::GlobalValue::ExternalLinkage, name, module);
    t.frame = t.fn->getArg(0);
    t.entry = llvm::BasicBlock::Create(ctx, "entry", t.fn);
    t.loop_start = static_cast<size_t>(trace.loop_start);
    for (size_t i = 0; i < trace.uops.size(); ++i) {
      t.blocks.push_back(llvm::BasicBlock::Create(
          ctx, absl::StrCat("uop", i, "_", InfoOf(trace.uops[i].op).name), t.fn));
    }
    return t;
  }

  // Where `b` is, after uop `i`'s body returned `r`: on to the next uop
  // (round to the top after JUMP_TO_TOP, the one uop that returns
  // PJ_UOP_LOOP), or to `out`, which tells an exit from an error. One
  // compare and branch: -O0's instruction selector (FastISel) handles
  // those and hands a block with a switch to the slow one.
  static void BranchOnBodyResult(llvm::IRBuilder<>& b, const TraceFunction& t, size_t i,
                                 UopId op, llvm::Value* r, llvm::BasicBlock* out) {
    llvm::BasicBlock* top = t.blocks[t.loop_start];
    if (op == UopId::JUMP_TO_TOP) {
      b.CreateCondBr(b.CreateICmpEQ(r, b.getInt32(PJ_UOP_LOOP)), top, out);
    } else {
      b.CreateCondBr(b.CreateICmpEQ(r, b.getInt32(PJ_UOP_NEXT)),
                     i + 1 < t.blocks.size() ? t.blocks[i + 1] : top, out);
    }
  }

  // Ends `fn` where `b` is, with `result` what it returns: when
  // `next_code` (what runtime/exit_links.h's rule named for this exit) is
  // not null, a tail call of it with the same frame.
  static void TailCallOrReturn(llvm::IRBuilder<>& b, llvm::Function* fn, llvm::Value* next_code,
                               llvm::Value* result) {
    llvm::LLVMContext& ctx = b.getContext();
    auto* jump = llvm::BasicBlock::Create(ctx, "follow_link", fn);
    auto* ret = llvm::BasicBlock::Create(ctx, "return", fn);
    b.CreateCondBr(b.CreateIsNull(next_code), ret, jump);
    b.SetInsertPoint(jump);
    llvm::CallInst* tail = b.CreateCall(fn->getFunctionType(), next_code, {fn->getArg(0)});
    tail->setTailCallKind(llvm::CallInst::TCK_MustTail);
    b.CreateRet(tail);
    b.SetInsertPoint(ret);
    b.CreateRet(result);
  }

  static absl::Status Verify(llvm::Function& fn) {
    std::string problems;
    llvm::raw_string_ostream os(problems);
    if (llvm::verifyFunction(fn, &os)) {
      return absl::InternalError(absl::StrCat("LLVM rejected trace function: ", problems));
    }
    return absl::OkStatus();
  }

  // A constant pointer, as compiled code reads it.
  static llvm::Value* Address(llvm::IRBuilder<>& b, const void* p) {
    return b.CreateIntToPtr(b.getInt64(reinterpret_cast<uint64_t>(p)), b.getPtrTy());
  }

  // -O0: int64_t pj_trace_N(PjFrame* frame) calling each uop's body as the
  // interp backend does (the bodies compiled into pyjit, by address), on
  // the frame itself, with the stack pointer in an alloca and the control
  // flow of the trace explicit: a call and a compare per uop, which is
  // what makes -O0 cheap to compile (inlined, the bodies were 35 IR
  // instructions a uop before any optimization).
  absl::Status BuildCallThreadedFunction(llvm::Module& module, const Trace& trace,
                                         const std::string& name,
                                         const PjExitLink* exit_links) {
    llvm::LLVMContext& ctx = module.getContext();
    llvm::Type* i32 = llvm::Type::getInt32Ty(ctx);
    llvm::Type* i64 = llvm::Type::getInt64Ty(ctx);
    llvm::Type* ptr = llvm::PointerType::get(ctx, 0);
    const TraceFunction t = NewTraceFunction(module, trace, name);
    llvm::Value* frame = t.frame;
    llvm::IRBuilder<> b(ctx);
    llvm::FunctionType* body_type = llvm::FunctionType::get(i32, {ptr, ptr, i32, i64}, false);
    b.SetInsertPoint(t.entry);
    const uint64_t stack_base =
        offsetof(PjFrame, slots) + sizeof(PjValue) * static_cast<uint64_t>(trace.code->nlocals());
    // The bodies move the stack pointer as they pop and push, so it is set
    // once, as the interp backend sets it.
    llvm::Value* sp = b.CreateAlloca(ptr, nullptr, "sp");
    b.CreateStore(b.CreateConstInBoundsGEP1_64(
                      b.getInt8Ty(), frame,
                      stack_base + sizeof(PjValue) * static_cast<uint64_t>(trace.entry_depth)),
                  sp);
    b.CreateBr(t.blocks[0]);
    // Every way out is one block, told which uop left and what its body
    // returned: the result is the uop's index, or -1 - index for an error;
    // the depth is where the body left the stack pointer, as the interp
    // backend reads it; then the exit's link (the rule out of line: -O0
    // inlines nothing).
    auto* leave_block = llvm::BasicBlock::Create(ctx, "leave", t.fn);
    b.SetInsertPoint(leave_block);
    llvm::PHINode* left_at = b.CreatePHI(i64, trace.uops.size(), "uop");
    llvm::PHINode* status = b.CreatePHI(i32, trace.uops.size(), "status");
    llvm::Value* result =
        b.CreateSelect(b.CreateICmpEQ(status, b.getInt32(PJ_UOP_ERROR)),
                       b.CreateSub(b.getInt64(-1), left_at), left_at, "result");
    llvm::Value* bytes = b.CreateSub(b.CreatePtrToInt(b.CreateLoad(ptr, sp), i64),
                                     b.CreatePtrToInt(b.CreateConstInBoundsGEP1_64(
                                                          b.getInt8Ty(), frame, stack_base),
                                                      i64));
    b.CreateStore(b.CreateTrunc(b.CreateAShr(bytes, 4), i32),
                  b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), frame, offsetof(PjFrame, stack_depth)));
    llvm::FunctionType* follow_type = llvm::FunctionType::get(ptr, {i64, ptr}, false);
    llvm::Value* next_code =
        b.CreateCall(follow_type, Address(b, reinterpret_cast<const void*>(&pj_follow_link)),
                     {result, Address(b, exit_links)});
    TailCallOrReturn(b, t.fn, next_code, result);
    for (size_t i = 0; i < trace.uops.size(); ++i) {
      const Uop& u = trace.uops[i];
      b.SetInsertPoint(t.blocks[i]);
      if (InfoOf(u.op).flags & PJ_F_ESCAPES) {
        b.CreateStore(llvm::ConstantInt::get(i32, u.pc),
                      b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), frame, offsetof(PjFrame, pc)));
      }
      llvm::Value* r = b.CreateCall(body_type, Address(b, reinterpret_cast<const void*>(BodyOf(u.op))),
                                    {frame, sp, llvm::ConstantInt::get(i32, u.oparg),
                                     llvm::ConstantInt::get(i64, u.operand)});
      if ((InfoOf(u.op).flags & (PJ_F_EXIT | PJ_F_ERROR)) == 0) {
        // Its body always goes on (LOAD_FAST_BOUND, STORE_FAST, ...): no
        // compare, and one way out fewer for the code generator.
        b.CreateBr(t.blocks[i + 1]);
        continue;
      }
      BranchOnBodyResult(b, t, i, u.op, r, leave_block);
      left_at->addIncoming(b.getInt64(static_cast<int64_t>(i)), t.blocks[i]);
      status->addIncoming(r, t.blocks[i]);
    }
    return Verify(*t.fn);
  }

  // The slots (locals, then stack positions) that uop `u` may write in the
  // shadow frame when the stack holds `depth` values before it: only
  // STORE_FAST writes a local (a uop's body reaches the stack only through
  // its stack pointer); a uop may write the positions between what it pops
  // and what it pushes.
  static void MarkSlotsWritten(const Uop& u, int nlocals, int depth, std::vector<bool>& written) {
    const int pops = UopPops(u.op, u.oparg), pushes = UopPushes(u.op, u.oparg);
    for (int k = depth - pops; k < depth - pops + pushes; ++k) written[nlocals + k] = true;
    if (u.op == UopId::STORE_FAST) written[u.oparg] = true;
  }

  // int64_t pj_trace_N(PjFrame* frame): one block per uop.
  absl::Status BuildTraceFunction(llvm::Module& module, const BodyLibrary& bodies,
                                  const Trace& trace, const std::string& name,
                                  const PjExitLink* exit_links) {
    llvm::LLVMContext& ctx = module.getContext();
    llvm::Type* i64 = llvm::Type::getInt64Ty(ctx);
    llvm::Type* i32 = llvm::Type::getInt32Ty(ctx);
    const TraceFunction t = NewTraceFunction(module, trace, name);
    llvm::Function* fn = t.fn;
    llvm::Value* frame = t.frame;
    const std::vector<llvm::BasicBlock*>& blocks = t.blocks;
    llvm::IRBuilder<> b(ctx);
    llvm::ValueToValueMapTy imported;
    auto body_named = [&](const std::string& body_name) -> absl::StatusOr<llvm::Function*> {
      llvm::Function* f = bodies.Import(module, body_name, imported);
      if (f == nullptr) return absl::InternalError(absl::StrCat("the bodies' bitcode lacks ", body_name));
      return f;
    };
    absl::StatusOr<llvm::Function*> set_pc = body_named("pj_llvm_set_pc");
    if (!set_pc.ok()) return set_pc.status();
    // The trace works on a shadow copy of the frame in an alloca, which
    // LLVM splits into registers: locals and stack values stay out of memory
    // while the trace runs. The real frame is brought up to date before a
    // uop that escapes into the runtime (which may look at it, or collect)
    // and on every path out of the trace; the shadow is refreshed after.
    const uint64_t header = offsetof(PjFrame, slots);
    const int nlocals = trace.code->nlocals();
    // A trace that inlines calls keeps their frames' values above its own
    // stack, past the code's max_stack (trace.h's InlinedCall).
    const int max_depth = MaxStackDepth(trace);
    const uint64_t nslots =
        static_cast<uint64_t>(std::max(trace.code->nslots(), nlocals + max_depth));
    b.SetInsertPoint(t.entry);
    llvm::Value* shadow = b.CreateAlloca(
        llvm::ArrayType::get(llvm::Type::getInt8Ty(ctx), header + sizeof(PjValue) * nslots),
        nullptr, "shadow");
    llvm::cast<llvm::AllocaInst>(shadow)->setAlignment(llvm::Align(16));
    b.CreateMemCpy(shadow, llvm::Align(16), frame, llvm::Align(8),
                   llvm::ConstantInt::get(i64, header + sizeof(PjValue) * nslots));
    // The stack depth before every uop is known (the verifier checked it),
    // so each body gets a stack pointer that is a constant offset into the
    // shadow (or the frame): every stack slot is a fixed place, which is
    // what lets LLVM keep them in registers.
    llvm::Value* sp = b.CreateAlloca(b.getPtrTy(), nullptr, "sp");
    b.CreateBr(blocks[0]);
    auto stack_at = [&](llvm::Value* f, int depth) {
      return b.CreateConstInBoundsGEP1_64(
          b.getInt8Ty(), f, header + sizeof(PjValue) * static_cast<uint64_t>(nlocals + depth));
    };
    // Copies slots [first, end) from one copy of the frame to the other.
    // Slots are 8-byte aligned only (the frame's header is 40 bytes): a
    // larger claim lets LLVM use aligned vector moves that fault.
    auto copy_slots = [&](llvm::Value* to, llvm::Value* from, int first, int end) {
      if (end <= first) return;
      uint64_t offset = header + sizeof(PjValue) * static_cast<uint64_t>(first);
      b.CreateMemCpy(b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), to, offset), llvm::Align(8),
                     b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), from, offset), llvm::Align(8),
                     sizeof(PjValue) * static_cast<uint64_t>(end - first));
    };
    // Every way out joins here with the uop's result (its index, or -1 -
    // index for an error) and follows the exit's link: runtime/
    // exit_links.h's rule, the bodies' pj_llvm_follow_link inlined with
    // `exit_links` a constant.
    auto* follow_block = llvm::BasicBlock::Create(ctx, "leave", fn);
    b.SetInsertPoint(follow_block);
    llvm::PHINode* result = b.CreatePHI(i64, 2 * trace.uops.size(), "result");
    absl::StatusOr<llvm::Function*> follow = body_named("pj_llvm_follow_link");
    if (!follow.ok()) return follow.status();
    TailCallOrReturn(b, fn, b.CreateCall(*follow, {result, Address(b, exit_links)}), result);
    // Before that, each way out has a block of its own that writes back
    // what tier 1 will read and the trace may have changed by then (the
    // locals and the stack below the exit's depth that a uop so far, or
    // any uop of the loop in an earlier iteration, wrote) and the depth.
    // Its own block rather than one shared by all: shared, every slot was
    // a phi with an entry per exit, which SROA and the register allocator
    // paid for on every trace.
    std::vector<bool> written(static_cast<size_t>(nlocals + max_depth), false);
    auto write_back = [&](int depth) {
      const int end = nlocals + depth;
      for (int first = 0; first < end;) {
        if (!written[first]) {
          ++first;
          continue;
        }
        int last = first;
        while (last < end && written[last]) ++last;
        copy_slots(frame, shadow, first, last);
        first = last;
      }
      b.CreateStore(llvm::ConstantInt::get(i32, depth),
                    b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), frame,
                                                 offsetof(PjFrame, stack_depth)));
    };
    auto leave_trace = [&](llvm::BasicBlock* from, int64_t value, int depth) {
      b.SetInsertPoint(from);
      write_back(depth);
      b.CreateBr(follow_block);
      result->addIncoming(llvm::ConstantInt::get(i64, value), from);
    };
    const bool loops = trace.Loops();
    // The tags ir/tag_facts.h proves before each uop, told to LLVM as
    // stores of the constant into the shadow (the frame holds that tag
    // already, so nothing more is written back). LLVM sees a guard's
    // compare but not that every later iteration keeps the tag: at the
    // loop's top a slot's tag was a phi of what the first iteration loaded
    // and what the body stored, and every inline tag check on it stayed
    // (gcd's `while b:` tested b's tag each time round; asmjit, which
    // reads the same facts, did not). Told where a fact is new: at the
    // loop's top, for what the last uop pushed or stored, and where a
    // guard proved it.
    TagFacts facts(LocalCount(trace), trace.entry_depth);
    TagFacts told = facts;
    const TagFacts head = loops && t.loop_start > 0 ? LoopHeadFacts(trace) : facts;
    auto tell_tag = [&](int slot, int tag) {
      b.CreateStore(b.getInt64(static_cast<uint64_t>(tag)),
                    b.CreateConstInBoundsGEP1_64(
                        b.getInt8Ty(), shadow, header + sizeof(PjValue) * static_cast<uint64_t>(slot)));
    };
    // `fresh`: stack entries from here up were just pushed; `stored`: the
    // local the last uop stored, or -1; `all`: tell every known tag.
    auto tell_tags = [&](int fresh, int stored, bool all) {
      for (int k = 0; k < static_cast<int>(facts.locals().size()); ++k) {
        int tag = facts.local(k);
        if (tag != kUnknownTag && (all || k == stored || tag != told.local(k))) tell_tag(k, tag);
      }
      for (int k = 0; k < facts.depth(); ++k) {
        int tag = facts.at(k).tag;
        if (tag != kUnknownTag &&
            (all || k >= fresh || k >= told.depth() || tag != told.at(k).tag)) {
          tell_tag(nlocals + k, tag);
        }
      }
      told = facts;
    };
    int depth = trace.entry_depth;  // before uop i, as the verifier computed it
    for (size_t i = 0; i < trace.uops.size(); ++i) {
      const Uop& u = trace.uops[i];
      b.SetInsertPoint(blocks[i]);
      const bool top = loops && i == t.loop_start;
      if (top && t.loop_start > 0) facts = head;
      if (i > 0) {
        const Uop& last = trace.uops[i - 1];
        tell_tags(depth - UopPushes(last.op, last.oparg),
                  last.op == UopId::STORE_FAST ? last.oparg : -1, top);
      }
      facts.Apply(u);
      if (top) {
        // From the second iteration on, the whole body has run.
        int body_depth = depth;
        for (size_t k = i; k < trace.uops.size(); ++k) {
          MarkSlotsWritten(trace.uops[k], nlocals, body_depth, written);
          body_depth += UopPushes(trace.uops[k].op, trace.uops[k].oparg) -
                        UopPops(trace.uops[k].op, trace.uops[k].oparg);
        }
      }
      MarkSlotsWritten(u, nlocals, depth, written);
      const char* uop_name = InfoOf(u.op).name;
      int pops = UopPops(u.op, u.oparg), pushes = UopPushes(u.op, u.oparg);
      if (u.op == UopId::JUMP_TO_TOP) {
        // The back edge's countdown in the loop; when it runs out, the
        // frame is written back before the runtime is asked, and the trace
        // then leaves or starts again from its entry (the peeled first
        // iteration is one more iteration). So no call is in the loop, and
        // LLVM may keep in registers what memory the loop alone touches.
        absl::StatusOr<llvm::Function*> counted_out = body_named("pj_llvm_back_edge_counted_out");
        absl::StatusOr<llvm::Function*> ask = body_named("pj_llvm_leave_at_back_edge");
        if (!counted_out.ok()) return counted_out.status();
        if (!ask.ok()) return ask.status();
        auto* ask_block = llvm::BasicBlock::Create(ctx, absl::StrCat("ask", i), fn);
        auto* again = llvm::BasicBlock::Create(ctx, absl::StrCat("again", i), fn);
        b.CreateCondBr(b.CreateICmpEQ(b.CreateCall(*counted_out), b.getInt32(0)),
                       blocks[t.loop_start], ask_block);
        b.SetInsertPoint(ask_block);
        write_back(depth);
        b.CreateCondBr(b.CreateICmpEQ(b.CreateCall(*ask), b.getInt32(0)), again, follow_block);
        result->addIncoming(llvm::ConstantInt::get(i64, static_cast<int64_t>(i)), ask_block);
        b.SetInsertPoint(again);
        llvm::CallInst* restart = b.CreateCall(fn->getFunctionType(), fn, {frame});
        restart->setTailCallKind(llvm::CallInst::TCK_MustTail);
        b.CreateRet(restart);
        continue;
      }
      absl::StatusOr<llvm::Function*> body = body_named(absl::StrCat("pj_llvm_uop_", uop_name));
      if (!body.ok()) return body.status();
      llvm::Value* r;
      llvm::Value* oparg = llvm::ConstantInt::get(i32, u.oparg);
      llvm::Value* operand = llvm::ConstantInt::get(i64, u.operand);
      if (InfoOf(u.op).flags & PJ_F_ESCAPES) {
        // The runtime reads the uop's inputs from the frame. Only a call of
        // a Python function can collect garbage (a safe point), and then
        // every local and stack value must be in the frame; a callee cannot
        // change its caller's locals, so only the outputs come back.
        b.CreateCall(*set_pc, {frame, llvm::ConstantInt::get(i32, u.pc)});
        int inputs = nlocals + depth - pops;
        copy_slots(frame, shadow, u.op == UopId::CALL ? 0 : inputs, nlocals + depth);
        b.CreateStore(stack_at(frame, depth), sp);
        r = b.CreateCall(*body, {frame, sp, oparg, operand});
        copy_slots(shadow, frame, inputs, inputs + pushes);
      } else {
        b.CreateStore(stack_at(shadow, depth), sp);
        r = b.CreateCall(*body, {shadow, sp, oparg, operand});
      }
      auto* out = llvm::BasicBlock::Create(ctx, absl::StrCat("out", i), fn);
      auto* exit_block = llvm::BasicBlock::Create(ctx, absl::StrCat("exit", i), fn);
      auto* error_block = llvm::BasicBlock::Create(ctx, absl::StrCat("error", i), fn);
      BranchOnBodyResult(b, t, i, u.op, r, out);
      b.SetInsertPoint(out);
      b.CreateCondBr(b.CreateICmpEQ(r, b.getInt32(PJ_UOP_ERROR)), error_block, exit_block);
      leave_trace(exit_block, static_cast<int64_t>(i), ExitDepth(u, depth));
      // Tier 1 only reports an error: any depth will do.
      leave_trace(error_block, -1 - static_cast<int64_t>(i), depth);
      depth += pushes - pops;
    }
    return Verify(*fn);
  }

  absl::Status Optimize(llvm::Module& module, llvm::TargetMachine* target) {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PassBuilder pb(target);
    RegisterPassNames(pb);
    // LLVM's own pipelines (-O1, -O3) get the scalarizer where -O2's trace
    // pipeline has it.
    pb.registerScalarOptimizerLateEPCallback(
        [](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel) {
          llvm::ScalarizerPassOptions options;
          options.ScalarizeLoadStore = true;
          fpm.addPass(llvm::ScalarizerPass(options));
          fpm.addPass(llvm::InstCombinePass());
        });
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    static const llvm::OptimizationLevel kLevels[] = {
        llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1, llvm::OptimizationLevel::O2,
        llvm::OptimizationLevel::O3};
    llvm::ModulePassManager mpm;
    if (!passes_.empty() || opt_level_ == 2) {
      const std::string pipeline = passes_.empty() ? kTracePipeline : passes_;
      if (llvm::Error e = pb.parsePassPipeline(mpm, pipeline)) return ToStatus(std::move(e));
    } else {
      mpm = opt_level_ == 0 ? pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                            : pb.buildPerModuleDefaultPipeline(kLevels[opt_level_]);
    }
    mpm.run(module, mam);
    return absl::OkStatus();
  }

  int opt_level_ = 2;
  int codegen_level_ = -1;  // --llvm-codegen: the code generator's level; -1 follows opt_level_
  std::string passes_;  // --llvm-passes: a pipeline in opt's syntax instead of the level's
  bool keep_ir_ = false;
  int64_t traces_ = 0;
  size_t uops_ = 0;
  Clock::duration build_time_{}, optimize_time_{}, emit_time_{};
};

const bool registered = RegisterBackend(std::make_unique<LlvmBackend>());

}  // namespace
}  // namespace pyjit::llvm_backend
